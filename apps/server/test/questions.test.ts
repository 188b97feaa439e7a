import { strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  MAX_PENDING_QUESTIONS_PER_PERSON,
  MAX_QUESTION_LENGTH,
  SOCKET_EVENT_RATE,
  type InvitationsResponse,
  type JoinResponse,
  type QuestionDto,
  type QuestionsView,
} from '@roundtable/protocol';
import { QUESTIONS_BROADCAST_MS } from '../src/questions/QuestionService.js';
import { startCluster, type Cluster } from './helpers/cluster.js';
import { docxXml, pdfText } from './helpers/reportFiles.js';
import {
  api,
  connectedSocket,
  createSessionFixture,
  emitAck,
  startTestServer,
  type connectSocket,
  type SessionFixture,
  type TestServer,
} from './helpers/testServer.js';

type Sock = ReturnType<typeof connectSocket>;
const opened: { close(): void }[] = [];
afterAll(() => {
  for (const x of opened) x.close();
});

/** The last `questions:updated` each socket received. */
function lastView(socket: Sock) {
  const seen: { view?: QuestionsView; count: number } = { count: 0 };
  socket.on('questions:updated', (view) => {
    seen.view = view;
    seen.count++;
  });
  return seen;
}

const getQuestions = (t: TestServer, sessionId: string, token: string) =>
  api<QuestionsView>(t.url, 'GET', `/api/sessions/${sessionId}/questions`, undefined, token);

async function ask(socket: Sock, text: string, lang?: string): Promise<QuestionDto> {
  const res = await emitAck<{ question: QuestionDto }>(socket, 'question:ask', { text, ...(lang && { lang }) });
  if (!res.ok) throw new Error(`question:ask refused: ${res.error.code} ${res.error.message}`);
  return res.question;
}

const moderate = (socket: Sock, questionId: string, state: string) =>
  emitAck<{ question: QuestionDto }>(socket, 'question:moderate', { questionId, state });

describe('questions on one instance', () => {
  let t: TestServer;
  let s: SessionFixture;
  let fac: Sock;
  let part: Sock;
  let obs: Sock;
  beforeAll(async () => {
    t = await startTestServer();
    s = await createSessionFixture(t.url);
    fac = await connectedSocket(t.url, s.facilitator.token, opened);
    part = await connectedSocket(t.url, s.participant.token, opened);
    obs = await connectedSocket(t.url, s.observer.token, opened);
  });
  afterAll(async () => {
    await t.close();
  });

  it('an observer asks; a participant sees it only once approved; its author and the facilitator see it pending', async () => {
    const partSeen = lastView(part);
    const obsSeen = lastView(obs);
    const facSeen = lastView(fac);
    const q = await ask(obs, 'Wanneer komt het verslag ?', 'nl');
    expect(q).toMatchObject({ text: 'Wanneer komt het verslag ?', lang: 'nl', state: 'pending', votes: 0 });
    expect(typeof q.id).toBe('string');

    // The author's devices and the facilitators hear of it; the participant's view has none of it.
    await vi.waitFor(() => expect(obsSeen.view?.questions.map((x) => x.id)).toContain(q.id));
    expect(obsSeen.view?.questions.find((x) => x.id === q.id)).toMatchObject({ mine: true, state: 'pending' });
    await vi.waitFor(() => expect(facSeen.view?.questions.map((x) => x.id)).toContain(q.id));
    expect(facSeen.view?.questions.find((x) => x.id === q.id)?.authorName).toBe('Chloé');
    await vi.waitFor(() => expect(partSeen.count).toBeGreaterThan(0));
    expect(partSeen.view?.questions.map((x) => x.id)).not.toContain(q.id);
    expect((await getQuestions(t, s.sessionId, s.participant.token)).body.questions.map((x) => x.id)).not.toContain(
      q.id,
    );
    expect((await getQuestions(t, s.sessionId, s.observer.token)).body.questions[0]).toMatchObject({
      id: q.id,
      mine: true,
      upvoted: false,
    });

    const approved = await moderate(fac, q.id, 'approved');
    expect(approved).toMatchObject({ ok: true, question: { id: q.id, state: 'approved' } });
    await vi.waitFor(() => expect(partSeen.view?.questions.map((x) => x.id)).toContain(q.id));
    const forParticipant = (await getQuestions(t, s.sessionId, s.participant.token)).body;
    expect(forParticipant.questions.find((x) => x.id === q.id)).toMatchObject({ state: 'approved', mine: false });
    // No author name or id for anyone but facilitators.
    expect(JSON.stringify(partSeen.view)).not.toMatch(/Chloé|authorName/);
    expect(JSON.stringify(forParticipant)).not.toContain(s.observer.participant.id);
  });

  it('upvotes count once per person; again withdraws', async () => {
    const q = await ask(part, 'Qui finance ?');
    await moderate(fac, q.id, 'approved');
    const up = await emitAck<{ question: QuestionDto; upvoted: boolean }>(obs, 'question:upvote', { questionId: q.id });
    expect(up).toMatchObject({ ok: true, upvoted: true, question: { votes: 1, upvoted: true } });
    const again = await emitAck<{ question: QuestionDto; upvoted: boolean }>(obs, 'question:upvote', {
      questionId: q.id,
    });
    expect(again).toMatchObject({ ok: true, upvoted: false, question: { votes: 0, upvoted: false } });
    await emitAck(obs, 'question:upvote', { questionId: q.id });
    await emitAck(fac, 'question:upvote', { questionId: q.id });
    const view = (await getQuestions(t, s.sessionId, s.participant.token)).body;
    expect(view.questions.find((x) => x.id === q.id)).toMatchObject({ votes: 2, upvoted: false });
    expect(
      (await getQuestions(t, s.sessionId, s.observer.token)).body.questions.find((x) => x.id === q.id)?.upvoted,
    ).toBe(true);
  });

  it('two devices of one personal code are one vote, and both learn it', async () => {
    const invited = await api<InvitationsResponse>(
      t.url,
      'POST',
      `/api/sessions/${s.sessionId}/invitations`,
      { people: [{ name: 'Dries', role: 'participant' }] },
      s.facilitator.token,
    );
    const code = invited.body.invitations[0]!.code;
    const join = async () => (await api<JoinResponse>(t.url, 'POST', '/api/join', { code, name: 'Dries' })).body;
    const [a, b] = [await join(), await join()];
    expect(a.participant.id).toBe(b.participant.id);
    const phone = await connectedSocket(t.url, a.token, opened);
    const laptop = await connectedSocket(t.url, b.token, opened);
    const laptopSeen = lastView(laptop);
    const q = await ask(obs, 'Et les jeunes ?');
    await moderate(fac, q.id, 'approved');
    expect(await emitAck(phone, 'question:upvote', { questionId: q.id })).toMatchObject({ upvoted: true });
    // The other device learns it is upvoted already; its upvote withdraws the one vote.
    await vi.waitFor(() =>
      expect(laptopSeen.view?.questions.find((x) => x.id === q.id)).toMatchObject({ upvoted: true, votes: 1 }),
    );
    expect(await emitAck(laptop, 'question:upvote', { questionId: q.id })).toMatchObject({
      upvoted: false,
      question: { votes: 0 },
    });
  });

  it('merging two rows of one person leaves one upvote; removing a person withdraws theirs', async () => {
    const invited = await api<InvitationsResponse>(
      t.url,
      'POST',
      `/api/sessions/${s.sessionId}/invitations`,
      {
        people: [
          { name: 'Eva', role: 'participant' },
          { name: 'Frank', role: 'participant' },
        ],
      },
      s.facilitator.token,
    );
    const [eva, frank] = await Promise.all(
      invited.body.invitations.map(
        async (inv) => (await api<JoinResponse>(t.url, 'POST', '/api/join', { code: inv.code, name: inv.name })).body,
      ),
    );
    const evaAgain = (
      await api<JoinResponse>(t.url, 'POST', '/api/join', { code: s.created.codes.participant, name: 'Eva' })
    ).body;
    const q = await ask(obs, 'Une question à soutenir ?');
    await moderate(fac, q.id, 'approved');
    for (const joined of [eva!, evaAgain, frank!]) {
      const sock = await connectedSocket(t.url, joined.token, opened);
      expect(await emitAck(sock, 'question:upvote', { questionId: q.id })).toMatchObject({ ok: true, upvoted: true });
    }
    const votes = async () =>
      (await getQuestions(t, s.sessionId, s.participant.token)).body.questions.find((x) => x.id === q.id)?.votes;
    expect(await votes()).toBe(3);
    const merged = await api(
      t.url,
      'POST',
      `/api/sessions/${s.sessionId}/participants/merge`,
      { into: eva!.participant.id, from: evaAgain.participant.id },
      s.facilitator.token,
    );
    expect(merged.status).toBe(200);
    expect(await votes()).toBe(2);
    const removed = await api(
      t.url,
      'DELETE',
      `/api/sessions/${s.sessionId}/participants/${frank!.participant.id}`,
      undefined,
      s.facilitator.token,
    );
    expect(removed.status).toBe(204);
    expect(await votes()).toBe(1);
  });

  it('hidden questions are counted for everyone and seen only by their author and the facilitators', async () => {
    const before = (await getQuestions(t, s.sessionId, s.participant.token)).body.hiddenCount;
    const q = await ask(obs, 'Une question hors sujet');
    expect(await moderate(fac, q.id, 'hidden')).toMatchObject({ ok: true, question: { state: 'hidden' } });
    const forParticipant = (await getQuestions(t, s.sessionId, s.participant.token)).body;
    expect(forParticipant.hiddenCount).toBe(before + 1);
    expect(forParticipant.questions.map((x) => x.id)).not.toContain(q.id);
    const forAuthor = (await getQuestions(t, s.sessionId, s.observer.token)).body;
    expect(forAuthor.questions.find((x) => x.id === q.id)?.state).toBe('hidden');
    const forFacilitator = (await getQuestions(t, s.sessionId, s.facilitator.token)).body;
    expect(forFacilitator.questions.find((x) => x.id === q.id)?.state).toBe('hidden');
    // A hidden question takes no upvotes, not even from someone who learnt its id.
    expect(await emitAck(part, 'question:upvote', { questionId: q.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('the facilitator projects an approved question; hiding it takes it off; others may not', async () => {
    const q = await ask(part, 'Quand vote-t-on ?');
    expect(await emitAck(fac, 'question:project', { questionId: q.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    await moderate(fac, q.id, 'approved');
    const obsSeen = lastView(obs);
    expect(await emitAck(fac, 'question:project', { questionId: q.id })).toMatchObject({
      ok: true,
      projected: { id: q.id, projected: true },
    });
    await vi.waitFor(() => expect(obsSeen.view?.projected?.id).toBe(q.id));
    await moderate(fac, q.id, 'answered');
    expect((await getQuestions(t, s.sessionId, s.observer.token)).body.projected).toMatchObject({ state: 'answered' });
    await moderate(fac, q.id, 'hidden');
    expect((await getQuestions(t, s.sessionId, s.observer.token)).body.projected).toBeNull();
    for (const sock of [part, obs]) {
      expect(await emitAck(sock, 'question:project', { questionId: null })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(await moderate(sock, q.id, 'approved')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('refuses hostile questions: size, control and bidi characters, bad shapes, unknown states', async () => {
    const refusedAs = async (payload: unknown, code = 'invalid_request') =>
      expect(await emitAck(part, 'question:ask', payload)).toMatchObject({ ok: false, error: { code } });
    await refusedAs({ text: 'x'.repeat(MAX_QUESTION_LENGTH + 1) });
    await refusedAs({ text: '' });
    await refusedAs({ text: '   ' });
    await refusedAs({ text: 'bell\u0007' });
    await refusedAs({ text: 'abc\u202Edcba' });
    await refusedAs({ text: 'lone \ud800 surrogate' });
    await refusedAs({ text: 'ok', lang: 'x'.repeat(100) });
    await refusedAs({ text: 'ok', authorId: s.facilitator.participant.id });
    await refusedAs({ text: { $gt: '' } });
    await refusedAs(undefined);
    // At the limit is fine (and trims): é is one character.
    const long = await ask(fac, `  ${'é'.repeat(MAX_QUESTION_LENGTH)}  `);
    expect(long.text).toHaveLength(MAX_QUESTION_LENGTH);
    const q = await ask(part, 'Une autre ?');
    expect(await moderate(fac, q.id, 'pending')).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await moderate(fac, '../etc', 'approved')).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it(`keeps at most ${MAX_PENDING_QUESTIONS_PER_PERSON} pending questions per person, all devices together`, async () => {
    const other = await createSessionFixture(t.url);
    const a = await connectedSocket(t.url, other.observer.token, opened);
    const b = await connectedSocket(t.url, other.observer.token, opened);
    const f = await connectedSocket(t.url, other.facilitator.token, opened);
    // Concurrent asks from two devices of one person: never more than the limit stored.
    const results = await Promise.all(
      Array.from({ length: MAX_PENDING_QUESTIONS_PER_PERSON + 3 }, (_, i) =>
        emitAck<{ question: QuestionDto }>(i % 2 ? a : b, 'question:ask', { text: `Question ${i} ?` }),
      ),
    );
    const accepted = results.filter((r) => r.ok);
    expect(accepted.length).toBeLessThanOrEqual(MAX_PENDING_QUESTIONS_PER_PERSON);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'conflict')).toBe(true);
    const stored = (await getQuestions(t, other.sessionId, other.facilitator.token)).body.questions;
    expect(stored.length).toBeLessThanOrEqual(MAX_PENDING_QUESTIONS_PER_PERSON);
    // Once one is moderated, there is room again.
    while (
      (await getQuestions(t, other.sessionId, other.facilitator.token)).body.questions.length <
      MAX_PENDING_QUESTIONS_PER_PERSON
    )
      await ask(a, 'Encore une ?');
    expect(await emitAck(a, 'question:ask', { text: 'Trop ?' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const [first] = (await getQuestions(t, other.sessionId, other.facilitator.token)).body.questions;
    await moderate(f, first!.id, 'answered');
    await ask(a, 'Maintenant oui ?');
  });

  it("refuses ids of another session's questions everywhere, and the other session's GET", async () => {
    const other = await createSessionFixture(t.url);
    const otherFac = await connectedSocket(t.url, other.facilitator.token, opened);
    const foreign = await ask(otherFac, 'Question de la séance voisine ?');
    await moderate(otherFac, foreign.id, 'approved');
    const notFound = { ok: false, error: { code: 'not_found' } };
    expect(await emitAck(part, 'question:upvote', { questionId: foreign.id })).toMatchObject(notFound);
    expect(await moderate(fac, foreign.id, 'hidden')).toMatchObject(notFound);
    expect(await emitAck(fac, 'question:project', { questionId: foreign.id })).toMatchObject(notFound);
    // Nothing changed over there.
    const there = (await getQuestions(t, other.sessionId, other.participant.token)).body;
    expect(there.questions.find((x) => x.id === foreign.id)).toMatchObject({ state: 'approved', votes: 0 });
    expect(there.projected).toBeNull();
    expect((await getQuestions(t, other.sessionId, s.facilitator.token)).status).toBe(401);
    expect((await getQuestions(t, s.sessionId, 'forged')).status).toBe(401);
  });

  it('rate limits question events like any other event', async () => {
    const other = await createSessionFixture(t.url);
    const flooder = await connectedSocket(t.url, other.participant.token, opened);
    const results = await Promise.all(
      Array.from({ length: SOCKET_EVENT_RATE.burst + 10 }, () =>
        emitAck(flooder, 'question:upvote', { questionId: 'no-such-question' }),
      ),
    );
    expect(results.some((r) => !r.ok && r.error.code === 'rate_limited')).toBe(true);
  });

  it('a burst of upvotes from several people reaches the room as a few views, the last one exact', async () => {
    const other = await createSessionFixture(t.url);
    const otherFac = await connectedSocket(t.url, other.facilitator.token, opened);
    const watcher = await connectedSocket(t.url, other.observer.token, opened);
    const seen = lastView(watcher);
    const q = await ask(watcher, 'Qui évalue les mesures ?');
    await moderate(otherFac, q.id, 'approved');
    await vi.waitFor(() => expect(seen.view?.questions.find((x) => x.id === q.id)?.state).toBe('approved'));
    const voters = await Promise.all(
      Array.from({ length: 5 }, async (_, i) => {
        const joined = await api<JoinResponse>(t.url, 'POST', '/api/join', {
          code: other.created.codes.participant,
          name: `Votant ${i + 1}`,
        });
        return connectedSocket(t.url, joined.body.token, opened);
      }),
    );
    const before = seen.count;
    const started = Date.now();
    // Each toggles 11 times as fast as acks come back (an odd count: each ends upvoted), all
    // five at once: 55 changes.
    const acks = await Promise.all(
      voters.map(async (v) => {
        const mine = [];
        for (let i = 0; i < 11; i++) mine.push(await emitAck(v, 'question:upvote', { questionId: q.id }));
        return mine;
      }),
    );
    expect(acks.flat().every((a) => a.ok)).toBe(true);
    await vi.waitFor(() => expect(seen.view?.questions.find((x) => x.id === q.id)?.votes).toBe(5));
    await new Promise((r) => setTimeout(r, 3 * QUESTIONS_BROADCAST_MS));
    const windows = Math.ceil((Date.now() - started) / QUESTIONS_BROADCAST_MS);
    // One view per window at most (and the first at once), not one per change.
    expect(seen.count - before).toBeLessThanOrEqual(windows + 1);
    expect(seen.count - before).toBeLessThan(55);
    expect(seen.view?.questions.find((x) => x.id === q.id)?.votes).toBe(5);
    // Each voter's devices learn their own state too.
    const mine = (await getQuestions(t, other.sessionId, other.participant.token)).body;
    expect(mine.questions.find((x) => x.id === q.id)?.votes).toBe(5);
  });
});

describe('questions in the session report', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  it('prints approved and answered questions with votes and state, and counts the hidden and pending ones, in every format', async () => {
    const s = await createSessionFixture(t.url);
    const fac = await connectedSocket(t.url, s.facilitator.token, opened);
    const part = await connectedSocket(t.url, s.participant.token, opened);
    const obs = await connectedSocket(t.url, s.observer.token, opened);
    const approved = await ask(obs, 'Wie betaalt de tolken?', 'nl');
    const answered = await ask(part, 'Qui rédige le rapport ?');
    const hidden = await ask(part, 'Question masquée secrète');
    await ask(obs, 'Question jamais modérée');
    await moderate(fac, approved.id, 'approved');
    await moderate(fac, answered.id, 'answered');
    await moderate(fac, hidden.id, 'hidden');
    await emitAck(part, 'question:upvote', { questionId: approved.id });
    await emitAck(fac, 'question:upvote', { questionId: approved.id });
    const get = async (query: string) => {
      const res = await fetch(`${t.url}/api/sessions/${s.sessionId}/report?${query}`, {
        headers: { authorization: `Bearer ${s.facilitator.token}` },
      });
      expect(res.status).toBe(200);
      return new Uint8Array(await res.arrayBuffer());
    };
    const md = strFromU8(await get('format=md&lang=fr'));
    expect(md).toContain('## Questions de la salle');
    expect(md).toMatch(/Wie betaalt de tolken\? \| Néerlandais \| Approuvée \| 2/);
    expect(md).toMatch(/Qui rédige le rapport \? \| Français \| Répondue \| 0/);
    expect(md).toContain('Masquées : 1 · non modérées : 1');
    const html = strFromU8(await get('format=html&lang=en'));
    expect(html).toContain('Questions from the room');
    expect(html).toContain('Hidden: 1 · not moderated: 1');
    const docx = docxXml(await get('format=docx&lang=nl'));
    expect(docx).toContain('Vragen uit de zaal');
    expect(docx).toContain('Wie betaalt de tolken?');
    expect(docx).toContain('Goedgekeurd');
    const pdf = await pdfText(await get('format=pdf&lang=fr'));
    expect(pdf).toContain('Questions de la salle');
    expect(pdf).toContain('Qui rédige le rapport');
    for (const text of [md, html, docx, pdf]) {
      expect(text).not.toContain('Question masquée secrète');
      expect(text).not.toContain('jamais modérée');
    }
    // The JSON record keeps no author.
    const json = strFromU8(await get('format=json'));
    expect(JSON.parse(json).questions.items).toHaveLength(2);
    expect(json).not.toContain(s.observer.participant.id);
  });
});

describe('questions across two instances (Redis adapter, PostgreSQL)', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster(2);
  });
  afterAll(async () => {
    await cluster.close();
  });

  it("an observer's question on one instance reaches the facilitator on the other; approved there, the participant sees it", async () => {
    const [a, b] = cluster.instances as [TestServer, TestServer];
    const s = await createSessionFixture(a.url);
    const fac = await connectedSocket(b.url, s.facilitator.token, opened);
    const part = await connectedSocket(a.url, s.participant.token, opened);
    const obs = await connectedSocket(a.url, s.observer.token, opened);
    const obsOther = await connectedSocket(b.url, s.observer.token, opened);
    const facSeen = lastView(fac);
    const partSeen = lastView(part);
    const obsOtherSeen = lastView(obsOther);
    const q = await ask(obs, 'Comment suivre à distance ?');
    await vi.waitFor(() => expect(facSeen.view?.questions.map((x) => x.id)).toContain(q.id), { timeout: 10_000 });
    // The author's other device, on the other instance, sees it pending too.
    await vi.waitFor(() => expect(obsOtherSeen.view?.questions.find((x) => x.id === q.id)?.mine).toBe(true), {
      timeout: 10_000,
    });
    await vi.waitFor(() => expect(partSeen.count).toBeGreaterThan(0), { timeout: 10_000 });
    expect(partSeen.view?.questions.map((x) => x.id)).not.toContain(q.id);
    await moderate(fac, q.id, 'approved');
    await emitAck(fac, 'question:project', { questionId: q.id });
    await vi.waitFor(
      () => {
        expect(partSeen.view?.questions.find((x) => x.id === q.id)?.state).toBe('approved');
        expect(partSeen.view?.projected?.id).toBe(q.id);
      },
      { timeout: 10_000 },
    );
    expect((await getQuestions(b, s.sessionId, s.participant.token)).body.projected?.id).toBe(q.id);
  });
});
