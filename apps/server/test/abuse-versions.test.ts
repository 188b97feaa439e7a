import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  VERSION_SAVE_RATE,
  type ErrorBody,
  type HistoryResponse,
  type RecommendationResponse,
  type RecommendationTextResponse,
  type VersionResponse,
  type VersionTextsResponse,
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

/*
 * Saved versions (api-v1 1.1 "History"), hostile use: each keeps the draft's texts and Yjs
 * state (up to 1 MiB), and a facilitator could save them without limit, so one account could
 * fill the database. Now: a per-person rate (VERSION_SAVE_RATE) and caps of saved versions per
 * recommendation and per session (`too_many_versions`, 409), which never stop the versions the
 * server keeps at votes and decisions. Real REST and socket.io clients on SQLite; saves at
 * the same moment on PostgreSQL, where storage calls really interleave.
 */

/** Caps small enough to reach in a test; the rate out of the way (its own test uses the default). */
const CAPS = { perRecommendation: 3, perSession: 5, rate: { perSecond: 1_000, burst: 1_000 } };

const DATABASE_URL = process.env.DATABASE_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `rt_test_${randomUUID().replace(/-/g, '')}`;

let capped: TestServer;
let plain: TestServer;
let cappedPg: TestServer;
const closers: { close(): void }[] = [];
const providers: { provider: { destroy(): void } }[] = [];

beforeAll(async () => {
  [capped, plain, cappedPg] = await Promise.all([
    startTestServer({}, { savedVersions: CAPS }),
    startTestServer(),
    startTestServer({ DATABASE_URL, DATABASE_SCHEMA: schema }, { savedVersions: CAPS }),
  ]);
});
afterAll(async () => {
  for (const s of closers) s.close();
  for (const p of providers) p.provider.destroy();
  await Promise.all([capped.close(), plain.close(), cappedPg.close()]);
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
});

const historyPath = (f: SessionFixture, recId = f.recommendationId) =>
  `/api/sessions/${f.sessionId}/recommendations/${recId}/history`;
const save = (t: TestServer, f: SessionFixture, label: string, recId = f.recommendationId) =>
  api<VersionResponse & ErrorBody>(t.url, 'POST', historyPath(f, recId), { label }, f.facilitator.token);
const history = async (t: TestServer, f: SessionFixture, recId = f.recommendationId) =>
  (await api<HistoryResponse>(t.url, 'GET', historyPath(f, recId), undefined, f.observer.token)).body.versions;
const textOf = async (t: TestServer, f: SessionFixture) =>
  (
    await api<RecommendationTextResponse>(
      t.url,
      'GET',
      `/api/sessions/${f.sessionId}/recommendations/${f.recommendationId}`,
      undefined,
      f.observer.token,
    )
  ).body.text;

async function write(t: TestServer, f: SessionFixture, text: string, expected: string) {
  const c = connectDoc(t.wsUrl, f.recommendationId, f.participant.token);
  providers.push(c);
  await vi.waitFor(() => expect(c.provider.synced).toBe(true));
  appendParagraph(c.body, text);
  await vi.waitFor(async () => expect(await textOf(t, f)).toBe(expected));
  c.provider.destroy();
}

describe('saved versions: caps', () => {
  it('refuses a save over the cap of one recommendation, keeps the earlier ones, and never blocks a vote', async () => {
    const f = await createSessionFixture(capped.url);
    await write(capped, f, 'Premier texte.', 'Premier texte.');
    for (const label of ['un', 'deux', 'trois']) expect((await save(capped, f, label)).status).toBe(201);
    const before = await history(capped, f);
    expect(before.map((v) => v.label)).toEqual(['un', 'deux', 'trois']);

    const over = await save(capped, f, 'quatre');
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('too_many_versions');
    expect(over.body.error.message).toMatch(/3 saved versions/);
    expect(await history(capped, f)).toEqual(before);
    const kept = await api<VersionTextsResponse>(
      capped.url,
      'GET',
      `${historyPath(f)}/${before[0]!.id}`,
      undefined,
      f.observer.token,
    );
    expect(kept.body.texts).toEqual({ fr: 'Premier texte.' });

    // A restore keeps a saved version too: refused before the draft changes.
    await write(capped, f, 'Ajout.', 'Premier texte.\nAjout.');
    const restore = await api<ErrorBody>(
      capped.url,
      'POST',
      `${historyPath(f)}/${before[0]!.id}/restore`,
      {},
      f.facilitator.token,
    );
    expect(restore.status).toBe(409);
    expect(restore.body.error.code).toBe('too_many_versions');
    expect(await textOf(capped, f)).toBe('Premier texte.\nAjout.');
    expect(await history(capped, f)).toEqual(before);

    // The versions the server keeps by itself at a vote and a decision still are kept.
    const facilitator = await connectedSocket(capped.url, f.facilitator.token, closers);
    const vote = await emitAck<{ vote: { id: string } }>(facilitator, 'vote:open', {
      method: 'approval',
      recommendationId: f.recommendationId,
    });
    if (!vote.ok) throw new Error(vote.error.message);
    expect((await emitAck(facilitator, 'vote:close', { voteId: vote.vote.id })).ok).toBe(true);
    const decided = await emitAck(facilitator, 'recommendation:decide', {
      recommendationId: f.recommendationId,
      outcome: 'adopted',
    });
    expect(decided.ok).toBe(true);
    await vi.waitFor(async () =>
      expect((await history(capped, f)).map((v) => v.reason)).toEqual([
        'saved',
        'saved',
        'saved',
        'vote_opened',
        'decided',
      ]),
    );
  });

  it('refuses a save over the cap of the session, and other sessions save as before', async () => {
    const f = await createSessionFixture(capped.url);
    const second = await api<RecommendationResponse>(
      capped.url,
      'POST',
      `/api/sessions/${f.sessionId}/recommendations`,
      { title: 'Accès à l’emploi' },
      f.facilitator.token,
    );
    const recB = second.body.recommendation.id;
    for (const label of ['a1', 'a2', 'a3']) expect((await save(capped, f, label)).status).toBe(201);
    for (const label of ['b1', 'b2']) expect((await save(capped, f, label, recB)).status).toBe(201);

    const over = await save(capped, f, 'b3', recB);
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('too_many_versions');
    expect(over.body.error.message).toMatch(/this session already has 5/);
    expect((await history(capped, f, recB)).map((v) => v.label)).toEqual(['b1', 'b2']);

    const other = await createSessionFixture(capped.url);
    expect((await save(capped, other, 'ailleurs')).status).toBe(201);
    expect((await history(capped, other)).map((v) => v.label)).toEqual(['ailleurs']);
  });

  it('lets exactly the cap through when saves arrive at once (PostgreSQL)', async () => {
    const f = await createSessionFixture(cappedPg.url);
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => save(cappedPg, f, `v${i}`)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(CAPS.perRecommendation);
    expect(answers.filter((a) => a.status === 409 && a.body.error.code === 'too_many_versions')).toHaveLength(
      8 - CAPS.perRecommendation,
    );
    expect(await history(cappedPg, f)).toHaveLength(CAPS.perRecommendation);
  });
});

describe('saved versions: rate', () => {
  it('refuses a burst over VERSION_SAVE_RATE with 429 and Retry-After, for that person only', async () => {
    const f = await createSessionFixture(plain.url);
    for (let i = 0; i < VERSION_SAVE_RATE.burst; i++) expect((await save(plain, f, `v${i}`)).status).toBe(201);
    const res = await fetch(`${plain.url}${historyPath(f)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${f.facilitator.token}` },
      body: JSON.stringify({ label: 'de trop' }),
    });
    expect(res.status).toBe(429);
    expect(((await res.json()) as ErrorBody).error.code).toBe('rate_limited');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await history(plain, f)).toHaveLength(VERSION_SAVE_RATE.burst);

    const other = await createSessionFixture(plain.url);
    expect((await save(plain, other, 'ailleurs')).status).toBe(201);
  });
});
