import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  MAX_OPEN_AMENDMENTS_PER_PERSON,
  type AmendmentDto,
  type AmendmentResponse,
  type AmendmentsResponse,
  type CreateSessionResponse,
  type JoinResponse,
  type ErrorBody,
  type HistoryResponse,
  type RecommendationResponse,
  type RecommendationTextResponse,
  type Tally,
  type VoteDto,
} from '@roundtable/protocol';
import {
  api,
  appendParagraph,
  connectDoc,
  connectedSocket,
  createSessionFixture,
  emitAck,
  startTestServer,
  type SessionFixture,
  type TestServer,
} from './helpers/testServer.js';
import { docxText, docxXml, pdfText } from './helpers/reportFiles.js';

/*
 * Amendments (api-v1 1.1), with stock clients: proposed over REST, put to a vote and decided
 * over socket.io, applied by the server as one Yjs edit that a connected WebsocketProvider sees.
 */

let t: TestServer;
const sockets: { close(): void }[] = [];
const providers: { provider: { destroy(): void } }[] = [];

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  for (const p of providers) p.provider.destroy();
  await t.close();
});

const TEXT = 'Nous demandons à la ville d’ouvrir plus de places d’accueil en hiver.';

/** A session whose recommendation has `paragraphs`, written by the participant's stock client. */
async function draftWith(paragraphs: string[]) {
  const f = await createSessionFixture(t.url);
  const c = connectDoc(t.wsUrl, f.recommendationId, f.participant.token);
  providers.push(c);
  await vi.waitFor(() => expect(c.provider.synced).toBe(true));
  for (const p of paragraphs) appendParagraph(c.body, p);
  await vi.waitFor(async () => expect(await text(f)).toBe(paragraphs.join('\n')));
  return { f, client: c };
}

async function text(f: SessionFixture, recId = f.recommendationId): Promise<string> {
  const res = await api<RecommendationTextResponse>(
    t.url,
    'GET',
    `/api/sessions/${f.sessionId}/recommendations/${recId}`,
    undefined,
    f.observer.token,
  );
  return res.body.text;
}

const propose = (f: SessionFixture, body: unknown, token = f.participant.token, recId = f.recommendationId) =>
  api<AmendmentResponse & ErrorBody>(
    t.url,
    'POST',
    `/api/sessions/${f.sessionId}/recommendations/${recId}/amendments`,
    body,
    token,
  );
const list = async (f: SessionFixture, token = f.observer.token) =>
  (
    await api<AmendmentsResponse>(
      t.url,
      'GET',
      `/api/sessions/${f.sessionId}/recommendations/${f.recommendationId}/amendments`,
      undefined,
      token,
    )
  ).body.amendments;

describe('amendments', () => {
  it('propose → list → vote → accept applies the text, seen by a connected client', async () => {
    const { f, client } = await draftWith([TEXT, 'Un second paragraphe.']);
    const participant = await connectedSocket(t.url, f.participant.token, sockets);
    const facilitator = await connectedSocket(t.url, f.facilitator.token, sockets);
    const seen: AmendmentDto[] = [];
    participant.on('amendment:updated', ({ amendment }) => seen.push(amendment));

    const proposed = await propose(f, {
      original: 'plus de places d’accueil',
      replacement: 'des places d’accueil dignes',
      reason: 'Le nombre ne suffit pas.',
    });
    expect(proposed.status).toBe(201);
    const a = proposed.body.amendment;
    expect(a).toMatchObject({
      recommendationId: f.recommendationId,
      lang: 'fr',
      original: 'plus de places d’accueil',
      replacement: 'des places d’accueil dignes',
      reason: 'Le nombre ne suffit pas.',
      status: 'proposed',
      authorId: f.participant.participant.id,
      authorName: 'Bram',
      decidedAt: null,
      decidedBy: null,
      stale: false,
      overlaps: [],
    });
    expect(typeof a.createdAt).toBe('string');
    await vi.waitFor(() => expect(seen.map((x) => x.id)).toContain(a.id));
    expect((await list(f)).map((x) => x.id)).toEqual([a.id]);

    const opened = await emitAck<{ vote: VoteDto }>(facilitator, 'vote:open', {
      amendmentId: a.id,
      method: 'approval',
    });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.vote).toMatchObject({ amendmentId: a.id, recommendationId: null, status: 'open' });
    expect(opened.vote.question).toContain('plus de places d’accueil');
    expect(opened.vote.frozenTexts).toHaveLength(1);
    // The vote is on the amendment: the draft itself stays editable.
    await vi.waitFor(() => expect(seen.at(-1)).toMatchObject({ id: a.id, voteId: opened.vote.id }));
    // Deciding while the vote on it is open is refused.
    expect(await emitAck(facilitator, 'amendment:decide', { amendmentId: a.id, outcome: 'accepted' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await emitAck(participant, 'vote:cast', { voteId: opened.vote.id, ballot: { choice: 'for' } })).toEqual({
      ok: true,
    });
    const closed = await emitAck<{ tally: Tally }>(facilitator, 'vote:close', { voteId: opened.vote.id });
    expect(closed).toMatchObject({ ok: true, tally: { for: 1, carried: true } });

    const decided = await emitAck<{ amendment: AmendmentDto }>(facilitator, 'amendment:decide', {
      amendmentId: a.id,
      outcome: 'accepted',
    });
    if (!decided.ok) throw new Error(decided.error.message);
    expect(decided.amendment).toMatchObject({ status: 'accepted', decidedBy: 'vote', voteId: opened.vote.id });
    expect(decided.amendment.decidedAt).not.toBeNull();
    const amended = 'Nous demandons à la ville d’ouvrir des places d’accueil dignes en hiver.\nUn second paragraphe.';
    // The stock client sees the server's edit, live; REST reads the same.
    await vi.waitFor(() =>
      expect(client.body.toArray().map((p) => (p as { toString(): string }).toString())).toEqual([
        '<paragraph>Nous demandons à la ville d’ouvrir des places d’accueil dignes en hiver.</paragraph>',
        '<paragraph>Un second paragraphe.</paragraph>',
      ]),
    );
    expect(await text(f)).toBe(amended);
    await vi.waitFor(() => expect(seen.at(-1)).toMatchObject({ id: a.id, status: 'accepted' }));
    // Only proposed amendments are decided.
    expect(await emitAck(facilitator, 'amendment:decide', { amendmentId: a.id, outcome: 'rejected' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    // A version was kept for the accepted amendment, naming who edited.
    const history = await api<HistoryResponse>(
      t.url,
      'GET',
      `/api/sessions/${f.sessionId}/recommendations/${f.recommendationId}/history`,
      undefined,
      f.observer.token,
    );
    expect(history.body.versions.map((v) => [v.reason, v.amendmentId])).toEqual([['amendment_accepted', a.id]]);
    expect(history.body.versions[0]!.editors.map((e) => e.name).sort()).toEqual(['Anne', 'Bram']);
  });

  it('refuses a stale amendment with conflict and changes nothing; rejects by consensus', async () => {
    const { f, client } = await draftWith([TEXT]);
    const facilitator = await connectedSocket(t.url, f.facilitator.token, sockets);
    const a = (await propose(f, { original: 'en hiver', replacement: 'toute l’année' })).body.amendment;
    const b = (await propose(f, { original: 'la ville', replacement: 'la commune' })).body.amendment;
    // Someone edits the passage meanwhile: the amendment is stale.
    const node = (client.body.get(0) as unknown as { get(i: number): { insert(i: number, s: string): void } }).get(0);
    node.insert(TEXT.indexOf('hiver'), 'plein ');
    await vi.waitFor(async () => expect(await text(f)).toContain('en plein hiver'));
    expect((await list(f)).find((x) => x.id === a.id)).toMatchObject({ stale: true });
    const refused = await emitAck(facilitator, 'amendment:decide', { amendmentId: a.id, outcome: 'accepted' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await text(f)).toBe('Nous demandons à la ville d’ouvrir plus de places d’accueil en plein hiver.');
    expect((await list(f)).find((x) => x.id === a.id)).toMatchObject({ status: 'proposed', stale: true });

    const rejected = await emitAck<{ amendment: AmendmentDto }>(facilitator, 'amendment:decide', {
      amendmentId: b.id,
      outcome: 'rejected',
    });
    expect(rejected.ok && rejected.amendment).toMatchObject({
      status: 'rejected',
      decidedBy: 'consensus',
      voteId: null,
    });
    expect(await text(f)).toContain('la ville');
  });

  it('flags overlapping amendments, and refuses a passage that is not there exactly once', async () => {
    const { f } = await draftWith([TEXT]);
    const a = (await propose(f, { original: 'ouvrir plus de places', replacement: 'créer des places' })).body.amendment;
    const b = (await propose(f, { original: 'places d’accueil en hiver', replacement: 'abris' }, f.facilitator.token))
      .body.amendment;
    const c = (await propose(f, { original: 'Nous demandons', replacement: 'Nous exigeons' })).body.amendment;
    const byId = Object.fromEntries((await list(f)).map((x) => [x.id, x]));
    expect(byId[a.id]!.overlaps).toEqual([b.id]);
    expect(byId[b.id]!.overlaps).toEqual([a.id]);
    expect(byId[c.id]!.overlaps).toEqual([]);

    expect((await propose(f, { original: 'd’', replacement: 'de ' })).status).toBe(409);
    expect((await propose(f, { original: 'pas dans le texte', replacement: 'x' })).status).toBe(409);
    // A language the session does not have.
    expect((await propose(f, { lang: 'nl', original: 'ouvrir', replacement: 'x' })).status).toBe(404);
  });

  it('refuses observers, bad input, another session’s recommendation, and floods', async () => {
    const { f } = await draftWith([TEXT]);
    const other = await createSessionFixture(t.url);
    expect((await propose(f, { original: 'hiver', replacement: 'été' }, f.observer.token)).status).toBe(403);
    const facilitatorOnly = await connectedSocket(t.url, f.participant.token, sockets);
    expect(await emitAck(facilitatorOnly, 'amendment:decide', { amendmentId: 'x', outcome: 'accepted' })).toMatchObject(
      { ok: false, error: { code: 'forbidden' } },
    );

    const bad = [
      { original: '', replacement: 'x' },
      { original: 'x'.repeat(5001), replacement: 'y' },
      { original: 'hiver', replacement: 'y'.repeat(5001) },
      { original: 'hiver', replacement: 'été\u0000' },
      { original: 'hiver', replacement: 'été\u202e' },
      { original: 'hiver', replacement: 'été', reason: 'r'.repeat(501) },
      { original: 'hiver', replacement: 'été', extra: true },
      { original: 'hiver', replacement: 'été', lang: 'de' },
      { original: 42, replacement: 'été' },
    ];
    for (const body of bad) expect((await propose(f, body)).status, JSON.stringify(body).slice(0, 60)).toBe(400);
    expect((await propose(f, JSON.stringify({ original: 'x'.repeat(70_000), replacement: '' }))).status).toBe(413);

    // Another session's token or recommendation id: nothing is learnt of it.
    expect((await propose(f, { original: 'hiver', replacement: 'été' }, other.participant.token)).status).toBe(401);
    expect(
      (await propose(f, { original: 'hiver', replacement: 'été' }, f.participant.token, other.recommendationId)).status,
    ).toBe(404);
    const facilitator = await connectedSocket(t.url, other.facilitator.token, sockets);
    const a = (await propose(f, { original: 'hiver', replacement: 'été' })).body.amendment;
    expect(await emitAck(facilitator, 'amendment:decide', { amendmentId: a.id, outcome: 'accepted' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await emitAck(facilitator, 'vote:open', { amendmentId: a.id, method: 'approval' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await text(f)).toBe(TEXT);

    // Rate: a burst of proposals from one person is cut off (429), the others still propose.
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++)
      statuses.push((await propose(f, { original: 'la ville', replacement: `v${i}` })).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(10);
    expect((await propose(f, { original: 'la ville', replacement: 'la commune' }, f.facilitator.token)).status).toBe(
      201,
    );
  });

  it('limits the open amendments one person may have on one recommendation', async () => {
    const { f } = await draftWith([TEXT]);
    const svc = t.server.storage.amendments;
    // Stored directly: the per-minute rate would otherwise take minutes to reach the limit.
    for (let i = 0; i < MAX_OPEN_AMENDMENTS_PER_PERSON; i++) {
      await svc.createAmendment({
        id: `seed-${f.recommendationId}-${i}`,
        sessionId: f.sessionId,
        recommendationId: f.recommendationId,
        lang: 'fr',
        original: 'hiver',
        replacement: `${i}`,
        reason: null,
        status: 'proposed',
        authorId: f.participant.participant.id,
        createdAt: new Date().toISOString(),
        decidedAt: null,
        decidedBy: null,
        voteId: null,
      });
    }
    const refused = await propose(f, { original: 'hiver', replacement: 'été' });
    expect(refused.status).toBe(429);
    expect((await propose(f, { original: 'hiver', replacement: 'été' }, f.facilitator.token)).status).toBe(201);
  });

  it('may be proposed while the draft is frozen for a vote, but not accepted then', async () => {
    const { f } = await draftWith([TEXT]);
    const facilitator = await connectedSocket(t.url, f.facilitator.token, sockets);
    const vote = await emitAck<{ vote: VoteDto }>(facilitator, 'vote:open', {
      method: 'approval',
      recommendationId: f.recommendationId,
    });
    if (!vote.ok) throw new Error(vote.error.message);
    const a = await propose(f, { original: 'en hiver', replacement: 'toute l’année' });
    expect(a.status).toBe(201);
    expect(
      await emitAck(facilitator, 'amendment:decide', { amendmentId: a.body.amendment.id, outcome: 'accepted' }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await text(f)).toBe(TEXT);
    // The vote about the recommendation kept a version.
    const history = await api<HistoryResponse>(
      t.url,
      'GET',
      `/api/sessions/${f.sessionId}/recommendations/${f.recommendationId}/history`,
      undefined,
      f.participant.token,
    );
    expect(history.body.versions.map((v) => [v.reason, v.voteId])).toEqual([['vote_opened', vote.vote.id]]);
  });

  it('is in the report: each amendment with its outcome and how it was decided, and the current text', async () => {
    const { f } = await draftWith([TEXT]);
    const facilitator = await connectedSocket(t.url, f.facilitator.token, sockets);
    const byVote = (await propose(f, { original: 'en hiver', replacement: 'toute l’année', reason: 'Le froid dure.' }))
      .body.amendment;
    const byConsensus = (await propose(f, { original: 'la ville', replacement: 'la commune' })).body.amendment;
    const open = (await propose(f, { original: 'Nous demandons', replacement: '' })).body.amendment;
    const vote = await emitAck<{ vote: VoteDto }>(facilitator, 'vote:open', {
      amendmentId: byVote.id,
      method: 'approval',
    });
    if (!vote.ok) throw new Error(vote.error.message);
    await emitAck(facilitator, 'vote:cast', { voteId: vote.vote.id, ballot: { choice: 'for' } });
    await emitAck(facilitator, 'vote:close', { voteId: vote.vote.id });
    expect((await emitAck(facilitator, 'amendment:decide', { amendmentId: byVote.id, outcome: 'accepted' })).ok).toBe(
      true,
    );
    expect(
      (await emitAck(facilitator, 'amendment:decide', { amendmentId: byConsensus.id, outcome: 'rejected' })).ok,
    ).toBe(true);
    const report = async (lang: string) =>
      (
        await fetch(`${t.url}/api/sessions/${f.sessionId}/report?format=md&lang=${lang}`, {
          headers: { authorization: `Bearer ${f.facilitator.token}` },
        })
      ).text();
    const fr = await report('fr');
    const current = 'Nous demandons à la ville d’ouvrir plus de places d’accueil toute l’année.';
    const at = (needle: string) => {
      const i = fr.indexOf(needle);
      expect(i, needle).toBeGreaterThan(-1);
      return i;
    };
    // In order: the current text, then each amendment with its outcome, then the other votes.
    const order = [
      at('Texte actuel (pas encore décidé)'),
      at(`> ${current}`),
      at('Amendements'),
      at('(1) Issue\u202f: accepté (après un vote)'),
      at('> en hiver'),
      at('> toute l’année'),
      at('> Le froid dure.'),
      at('Vote sur cet amendement'),
      at('(2) Issue\u202f: rejeté (par consensus)'),
      at('(3) Issue\u202f: non décidé'),
      at('(supprimé)'),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The vote on the amendment is printed under it, not among the other votes; no author is named.
    expect(fr.split(vote.vote.question!).length - 1).toBe(1);
    expect(fr).not.toContain('Bram');
    expect(open.status).toBe('proposed');
    // DOCX and PDF as a reader's software opens them.
    const file = async (format: string) =>
      new Uint8Array(
        await (
          await fetch(`${t.url}/api/sessions/${f.sessionId}/report?format=${format}&lang=fr`, {
            headers: { authorization: `Bearer ${f.facilitator.token}` },
          })
        ).arrayBuffer(),
      );
    for (const printed of [docxText(docxXml(await file('docx'))), await pdfText(await file('pdf'))]) {
      for (const needle of [
        'Amendements',
        current,
        'accepté (après un vote)',
        'rejeté (par consensus)',
        'Le froid dure.',
      ]) {
        expect(printed, needle).toContain(needle);
      }
    }
    const en = await report('en');
    expect(en).toContain('(1) Outcome: accepted (after a vote)');
    expect(en).toContain('(2) Outcome: rejected (by consensus)');
  });

  it('amends one language version of a multilingual draft (body_nl), leaving the other alone', async () => {
    const created = await api<CreateSessionResponse>(t.url, 'POST', '/api/sessions', {
      title: 'Rondetafel',
      kind: 'round_table',
      languages: ['fr', 'nl'],
    });
    const join = async (code: string, name: string) =>
      (await api<JoinResponse>(t.url, 'POST', '/api/join', { code, name })).body;
    const fac = await join(created.body.codes.facilitator, 'Anne');
    const sessionId = created.body.session.id;
    const rec = await api<RecommendationResponse>(
      t.url,
      'POST',
      `/api/sessions/${sessionId}/recommendations`,
      { title: 'Logement', titles: { nl: 'Huisvesting' } },
      fac.token,
    );
    const recId = rec.body.recommendation.id;
    const c = connectDoc(t.wsUrl, recId, fac.token);
    providers.push(c);
    await vi.waitFor(() => expect(c.provider.synced).toBe(true));
    appendParagraph(c.body, 'Plus de places en hiver.');
    appendParagraph(c.doc.getXmlFragment('body_nl'), 'Meer plaatsen in de winter.');
    const read = async (lang: string) =>
      (
        await api<RecommendationTextResponse>(
          t.url,
          'GET',
          `/api/sessions/${sessionId}/recommendations/${recId}?lang=${lang}`,
          undefined,
          fac.token,
        )
      ).body.text;
    await vi.waitFor(async () => expect(await read('nl')).toBe('Meer plaatsen in de winter.'));
    const proposed = await api<AmendmentResponse>(
      t.url,
      'POST',
      `/api/sessions/${sessionId}/recommendations/${recId}/amendments`,
      { lang: 'nl', original: 'in de winter', replacement: 'het hele jaar' },
      fac.token,
    );
    expect(proposed.status).toBe(201);
    expect(proposed.body.amendment.lang).toBe('nl');
    const socket = await connectedSocket(t.url, fac.token, sockets);
    const decided = await emitAck(socket, 'amendment:decide', {
      amendmentId: proposed.body.amendment.id,
      outcome: 'accepted',
    });
    expect(decided.ok).toBe(true);
    expect(await read('nl')).toBe('Meer plaatsen het hele jaar.');
    expect(await read('fr')).toBe('Plus de places en hiver.');
    await vi.waitFor(() => expect(c.doc.getXmlFragment('body_nl').toString()).toContain('het hele jaar'));
    const history = await api<HistoryResponse>(
      t.url,
      'GET',
      `/api/sessions/${sessionId}/recommendations/${recId}/history`,
      undefined,
      fac.token,
    );
    expect(Object.keys(history.body.versions[0]!.hashes).sort()).toEqual(['fr', 'nl']);
  });

  it('is gone with its session', async () => {
    const { f } = await draftWith([TEXT]);
    await propose(f, { original: 'hiver', replacement: 'été' });
    const rec = await api<RecommendationResponse>(
      t.url,
      'DELETE',
      `/api/sessions/${f.sessionId}`,
      undefined,
      f.facilitator.token,
    );
    expect(rec.status).toBe(204);
    expect(await t.server.storage.amendments.listAmendments(f.sessionId)).toEqual([]);
  });
});
