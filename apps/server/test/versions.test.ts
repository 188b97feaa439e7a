import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  ALIGNMENT_MAP,
  type CreateSessionResponse,
  type FrozenTextsResponse,
  type JoinResponse,
  type LanguageVersion,
  PARAGRAPH_ID_ATTRIBUTE,
  type RecommendationResponse,
  type RecommendationTextResponse,
  type SessionSnapshot,
  type VoteDto,
  type VoteUpdated,
} from '@roundtable/protocol';
import {
  api,
  connectDoc,
  type connectSocket,
  connectedSocket,
  emitAck,
  startTestServer,
  type TestServer,
} from './helpers/testServer.js';

/*
 * Language versions (api-v1 1.1), with stock y-websocket clients: the server stamps who edited
 * which paragraph of which version, and REST, votes and confirmations read those stamps.
 */

let t: TestServer;
type Sock = ReturnType<typeof connectSocket>;
const sockets: Sock[] = [];
const providers: { provider: { destroy(): void } }[] = [];

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  for (const sk of sockets) sk.close();
  for (const p of providers) p.provider.destroy();
  await t.close();
});

interface Session {
  id: string;
  facilitator: JoinResponse;
  participant: JoinResponse;
  observer: JoinResponse;
}

async function createSession(languages?: string[]): Promise<Session> {
  const created = await api<CreateSessionResponse>(t.url, 'POST', '/api/sessions', {
    title: 'Table ronde fédérale',
    kind: 'round_table',
    ...(languages ? { languages } : {}),
  });
  expect(created.status).toBe(201);
  const join = async (code: string, name: string) =>
    (await api<JoinResponse>(t.url, 'POST', '/api/join', { code, name })).body;
  return {
    id: created.body.session.id,
    facilitator: await join(created.body.codes.facilitator, 'Anne'),
    participant: await join(created.body.codes.participant, 'Bram'),
    observer: await join(created.body.codes.observer, 'Chloé'),
  };
}

async function createRecommendation(s: Session, body: object): Promise<string> {
  const res = await api<RecommendationResponse>(
    t.url,
    'POST',
    `/api/sessions/${s.id}/recommendations`,
    body,
    s.facilitator.token,
  );
  expect(res.status).toBe(201);
  return res.body.recommendation.id;
}

const read = (s: Session, recId: string, query = '') =>
  api<RecommendationTextResponse>(
    t.url,
    'GET',
    `/api/sessions/${s.id}/recommendations/${recId}${query}`,
    undefined,
    s.observer.token,
  );
const versionsOf = async (s: Session, recId: string) => (await read(s, recId)).body.versions;
const statusOf = (versions: LanguageVersion[]) => Object.fromEntries(versions.map((v) => [v.lang, v.status]));

/** A stock y-websocket client on one recommendation, synced. */
async function editor(recId: string, token: string) {
  const c = connectDoc(t.wsUrl, recId, token);
  providers.push(c);
  await vi.waitFor(() => expect(c.provider.synced).toBe(true));
  return c;
}

/** Appends a paragraph carrying a paragraph id, as the web's editor makes them. */
function addParagraph(fragment: Y.XmlFragment, pid: string, text: string): void {
  const p = new Y.XmlElement('paragraph');
  p.setAttribute(PARAGRAPH_ID_ATTRIBUTE, pid);
  p.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [p]);
}
/** Types into the paragraph with id `pid`. */
function typeInto(fragment: Y.XmlFragment, pid: string, text: string): void {
  const p = fragment.toArray().find((c) => c instanceof Y.XmlElement && c.getAttribute(PARAGRAPH_ID_ATTRIBUTE) === pid);
  const node = (p as Y.XmlElement).get(0) as Y.XmlText;
  node.insert(node.length, text);
}

const socketFor = (token: string) => connectedSocket(t.url, token, sockets);
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('language versions', () => {
  let s: Session;
  beforeAll(async () => {
    s = await createSession(['fr', 'nl']);
  });

  it('keeps the session languages and per-language titles', async () => {
    const recId = await createRecommendation(s, {
      title: 'Accès au logement',
      titles: { nl: 'Toegang tot huisvesting' },
    });
    const snapshot = await api<SessionSnapshot>(t.url, 'GET', `/api/sessions/${s.id}`, undefined, s.participant.token);
    expect(snapshot.body.session).toMatchObject({ language: 'fr', languages: ['fr', 'nl'] });
    expect(snapshot.body.recommendations.find((r) => r.id === recId)?.titles).toEqual({
      fr: 'Accès au logement',
      nl: 'Toegang tot huisvesting',
    });
  });

  it('marks nl out of date after a fr edit, aligned after a confirmation, and gates the vote', async () => {
    const recId = await createRecommendation(s, { title: 'Emploi', titles: { nl: 'Werk' } });
    const fr = await editor(recId, s.participant.token);
    const nl = await editor(recId, s.facilitator.token);
    const nlBody = nl.doc.getXmlFragment('body_nl');
    addParagraph(fr.body, 'p1', 'Garantir un accès égal.');
    await vi.waitFor(async () =>
      expect(statusOf(await versionsOf(s, recId))).toEqual({ fr: 'aligned', nl: 'missing' }),
    );
    addParagraph(nlBody, 'p1', 'Gelijke toegang waarborgen.');
    // Both changed since no one confirmed: each is out of date against the other.
    await vi.waitFor(async () =>
      expect(statusOf(await versionsOf(s, recId))).toEqual({ fr: 'out_of_date', nl: 'out_of_date' }),
    );

    const participant = await socketFor(s.participant.token);
    const confirmed = await emitAck<{ versions: LanguageVersion[] }>(participant, 'translation:confirm', {
      recommendationId: recId,
      lang: 'nl',
    });
    expect(confirmed.ok && statusOf(confirmed.versions)).toEqual({ fr: 'aligned', nl: 'aligned' });

    // The stamps are in the document: every client sees who edited what, live.
    await vi.waitFor(() => expect(fr.doc.getMap(ALIGNMENT_MAP).get('confirm:nl')).toMatchObject({ name: 'Bram' }));
    expect(fr.doc.getMap(ALIGNMENT_MAP).get('edit:fr:p1')).toMatchObject({ by: s.participant.participant.id });

    typeInto(fr.body, 'p1', ' Sans discrimination.');
    await vi.waitFor(async () =>
      expect(await versionsOf(s, recId)).toEqual([
        { lang: 'fr', status: 'aligned', outOfDateParagraphs: 0, missingParagraphs: 0 },
        { lang: 'nl', status: 'out_of_date', outOfDateParagraphs: 1, missingParagraphs: 0 },
      ]),
    );

    const facilitator = await socketFor(s.facilitator.token);
    const refused = await emitAck(facilitator, 'vote:open', { method: 'approval', recommendationId: recId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // Refused, the draft is not left frozen: the translator can still catch up.
    typeInto(nlBody, 'p1', ' Zonder discriminatie.');
    await vi.waitFor(async () => expect((await read(s, recId, '?lang=nl')).body.text).toContain('Zonder'));
    expect(await emitAck(participant, 'translation:confirm', { recommendationId: recId, lang: 'nl' })).toMatchObject({
      ok: true,
    });
    expect(statusOf(await versionsOf(s, recId))).toEqual({ fr: 'aligned', nl: 'aligned' });

    const updates: VoteUpdated[] = [];
    participant.on('vote:updated', (u) => updates.push(u));
    const opened = await emitAck<{ vote: VoteDto }>(facilitator, 'vote:open', {
      method: 'approval',
      recommendationId: recId,
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const frText = 'Garantir un accès égal. Sans discrimination.';
    const nlText = 'Gelijke toegang waarborgen. Zonder discriminatie.';
    expect(opened.vote.languagesOverridden).toBe(false);
    expect(opened.vote.frozenTexts).toEqual([
      { recommendationId: recId, lang: 'fr', sha256: sha(frText) },
      { recommendationId: recId, lang: 'nl', sha256: sha(nlText) },
    ]);
    // Hashes only on the wire, to every observer; the texts have their own endpoint.
    await vi.waitFor(() => expect(updates.length).toBeGreaterThan(0));
    expect(JSON.stringify(updates)).not.toContain('Gelijke');
    const texts = await api<FrozenTextsResponse>(
      t.url,
      'GET',
      `/api/sessions/${s.id}/votes/${opened.vote.id}/texts?lang=nl`,
      undefined,
      s.observer.token,
    );
    expect(texts.body.texts).toEqual([{ recommendationId: recId, lang: 'nl', text: nlText, sha256: sha(nlText) }]);
    expect((await read(s, recId, '?lang=nl')).body).toMatchObject({ lang: 'nl', text: nlText });
    expect((await read(s, recId)).body).toMatchObject({ lang: 'fr', text: frText });
    // Under vote, the versions are frozen: confirming changes nothing.
    expect(await emitAck(participant, 'translation:confirm', { recommendationId: recId, lang: 'nl' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('shows a paragraph only one version has as missing, and lets the facilitator override, recorded', async () => {
    const recId = await createRecommendation(s, { title: 'Santé', titles: { nl: 'Gezondheid' } });
    const fr = await editor(recId, s.participant.token);
    addParagraph(fr.body, 'a', 'Premier.');
    addParagraph(fr.body, 'b', 'Second.');
    const nl = await editor(recId, s.participant.token);
    addParagraph(nl.doc.getXmlFragment('body_nl'), 'a', 'Eerste.');
    const participant = await socketFor(s.participant.token);
    await vi.waitFor(async () => expect((await versionsOf(s, recId))[1]).toMatchObject({ missingParagraphs: 1 }));
    await emitAck(participant, 'translation:confirm', { recommendationId: recId, lang: 'nl' });
    expect(await versionsOf(s, recId)).toEqual([
      { lang: 'fr', status: 'aligned', outOfDateParagraphs: 0, missingParagraphs: 0 },
      { lang: 'nl', status: 'missing', outOfDateParagraphs: 0, missingParagraphs: 1 },
    ]);
    const facilitator = await socketFor(s.facilitator.token);
    expect(await emitAck(facilitator, 'vote:open', { method: 'approval', recommendationId: recId })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const opened = await emitAck<{ vote: VoteDto }>(facilitator, 'vote:open', {
      method: 'approval',
      recommendationId: recId,
      overrideLanguages: true,
    });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.vote.languagesOverridden).toBe(true);
    expect(opened.vote.frozenTexts.map((f) => [f.lang, f.sha256])).toEqual([
      ['fr', sha('Premier.\nSecond.')],
      ['nl', sha('Eerste.')],
    ]);

    // The report prints both versions side by side, each marked with its language, and the override.
    const report = (format: string) =>
      fetch(`${t.url}/api/sessions/${s.id}/report?format=${format}`, {
        headers: { authorization: `Bearer ${s.facilitator.token}` },
      }).then((r) => r.text());
    const html = await report('html');
    expect(html).toMatch(
      /<div class="versions"><section lang="fr">.*Premier\.\nSecond\..*<\/section><section lang="nl">.*Eerste\./s,
    );
    expect(html).toContain(sha('Eerste.'));
    expect(html).toContain('une version linguistique');
    const md = await report('md');
    expect(md).toContain('Néerlandais (nl)');
    expect(md).toContain('> Eerste.');
    // The question the server worded in French reads in each column's language, with its title.
    expect(opened.vote.question).toBe('Adoptez-vous la recommandation « Santé » ?');
    const both = await report('md&lang=fr%2Bnl');
    expect(both).toContain('Adoptez-vous la recommandation « Santé » ?');
    expect(both).toContain('Neemt u de aanbeveling “Gezondheid” aan?');
  });

  it('keeps the alignment in the stored document once everyone has left', async () => {
    const recId = await createRecommendation(s, { title: 'Jeunesse' });
    const fr = await editor(recId, s.participant.token);
    addParagraph(fr.body, 'x', 'Texte.');
    const nl = await editor(recId, s.facilitator.token);
    addParagraph(nl.doc.getXmlFragment('body_nl'), 'x', 'Tekst.');
    const participant = await socketFor(s.participant.token);
    await vi.waitFor(async () => expect(statusOf(await versionsOf(s, recId)).nl).toBe('out_of_date'));
    await emitAck(participant, 'translation:confirm', { recommendationId: recId, lang: 'fr' });
    typeInto(nl.doc.getXmlFragment('body_nl'), 'x', ' Meer.');
    await vi.waitFor(async () =>
      expect(statusOf(await versionsOf(s, recId))).toEqual({ fr: 'out_of_date', nl: 'aligned' }),
    );
    // Everyone leaves every draft (those of the tests above too), so the registry unloads them.
    for (const p of providers.splice(0)) p.provider.destroy();
    await vi.waitFor(() => expect(t.server.docs.loadedDocs).toBe(0), { timeout: 10_000 });
    expect(statusOf(await versionsOf(s, recId))).toEqual({ fr: 'out_of_date', nl: 'aligned' });
    // A confirmation with nobody connected loads the document, stamps it and stores the stamp.
    expect(await emitAck(participant, 'translation:confirm', { recommendationId: recId, lang: 'fr' })).toMatchObject({
      ok: true,
    });
    await vi.waitFor(() => expect(t.server.docs.loadedDocs).toBe(0), { timeout: 10_000 });
    expect(statusOf(await versionsOf(s, recId))).toEqual({ fr: 'aligned', nl: 'aligned' });
  });

  it('refuses unknown languages, languages the session lacks, observers, and writes nothing for repeated confirmations', async () => {
    const recId = await createRecommendation(s, { title: 'Genre' });
    expect((await read(s, recId, '?lang=de')).status).toBe(400);
    expect((await read(s, recId, '?lang=nl&lang=fr')).status).toBe(400);
    expect((await read(s, recId, '?lang=en')).status).toBe(404);
    const participant = await socketFor(s.participant.token);
    const observer = await socketFor(s.observer.token);
    expect(await emitAck(participant, 'translation:confirm', { recommendationId: recId, lang: 'en' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await emitAck(participant, 'translation:confirm', { recommendationId: recId, lang: 'xx' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(
      await emitAck(participant, 'translation:confirm', {
        recommendationId: recId,
        lang: 'nl',
        extra: 'x'.repeat(1000),
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await emitAck(participant, 'translation:confirm', { recommendationId: 'nope', lang: 'nl' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await emitAck(observer, 'translation:confirm', { recommendationId: recId, lang: 'nl' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // Titles only in the session's languages, and `title` is the first language's.
    const createStatus = async (body: unknown) =>
      (await api(t.url, 'POST', `/api/sessions/${s.id}/recommendations`, body, s.facilitator.token)).status;
    expect(await createStatus({ title: 'A', titles: { en: 'A' } })).toBe(400);
    expect(await createStatus({ title: 'A', titles: { fr: 'B' } })).toBe(400);
    expect(await createStatus({ title: 'A', titles: { nl: 'B\u202e' } })).toBe(400);

    // Spam: one stamp for the first confirmation after an edit, none for the repeats.
    const watcher = await editor(recId, s.observer.token);
    const fr = await editor(recId, s.participant.token);
    addParagraph(fr.body, 'q', 'Texte.');
    await vi.waitFor(() => expect(watcher.doc.getMap(ALIGNMENT_MAP).size).toBe(1));
    let updates = 0;
    watcher.doc.on('update', () => updates++);
    const acks = await Promise.all(
      Array.from({ length: 40 }, () =>
        emitAck(participant, 'translation:confirm', { recommendationId: recId, lang: 'nl' }),
      ),
    );
    expect(acks.filter((a) => a.ok).length).toBeGreaterThan(0);
    await vi.waitFor(() => expect(watcher.doc.getMap(ALIGNMENT_MAP).has('confirm:nl')).toBe(true));
    expect(updates).toBe(1);

    // Garbage written into the alignment map by a client is ignored, not fatal.
    fr.doc.getMap(ALIGNMENT_MAP).set('confirm:fr', { seq: 'high', at: 1 });
    fr.doc.getMap(ALIGNMENT_MAP).set('edit:nl:q:x', { seq: 1e9, at: '', by: '', name: '' });
    await vi.waitFor(() => expect(watcher.doc.getMap(ALIGNMENT_MAP).has('confirm:fr')).toBe(true));
    expect((await read(s, recId)).status).toBe(200);
  });

  it('rejects languages lists that are empty, too long, repeated or disagree with language', async () => {
    for (const body of [
      { languages: [] },
      { languages: ['fr', 'nl', 'en', 'fr'] },
      { languages: ['fr', 'fr'] },
      { languages: ['de'] },
      { language: 'nl', languages: ['fr', 'nl'] },
    ]) {
      const res = await api(t.url, 'POST', '/api/sessions', { title: 'X', kind: 'training', ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const three = await api<CreateSessionResponse>(t.url, 'POST', '/api/sessions', {
      title: 'X',
      kind: 'training',
      languages: ['nl', 'fr', 'en'],
    });
    expect(three.body.session).toMatchObject({ language: 'nl', languages: ['nl', 'fr', 'en'] });
  });
});

describe('a session with one language', () => {
  it('works as in 1.0: no stamps in the document, one aligned version, votes as before', async () => {
    const s = await createSession();
    const recId = await createRecommendation(s, { title: 'Éducation' });
    const fr = await editor(recId, s.participant.token);
    addParagraph(fr.body, 'p', 'Un texte.');
    await vi.waitFor(async () => expect((await read(s, recId)).body.text).toBe('Un texte.'));
    expect((await read(s, recId)).body).toMatchObject({
      lang: 'fr',
      versions: [{ lang: 'fr', status: 'aligned', outOfDateParagraphs: 0, missingParagraphs: 0 }],
    });
    expect(fr.doc.getMap(ALIGNMENT_MAP).size).toBe(0);
    expect((await read(s, recId, '?lang=nl')).status).toBe(404);
    const facilitator = await socketFor(s.facilitator.token);
    const opened = await emitAck<{ vote: VoteDto }>(facilitator, 'vote:open', {
      method: 'approval',
      recommendationId: recId,
    });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.vote.frozenTexts).toEqual([{ recommendationId: recId, lang: 'fr', sha256: sha('Un texte.') }]);
    expect(opened.vote.languagesOverridden).toBe(false);
  });
});
