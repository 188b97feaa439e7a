import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Ack, VoteDto, VoteUpdated } from '@roundtable/protocol';
import {
  api,
  appendParagraph,
  connectDoc,
  connectSocket,
  createSessionFixture,
  startTestServer,
} from './helpers/testServer.js';

const DATABASE_URL = process.env.DATABASE_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `rt_test_${randomUUID().replace(/-/g, '')}`;
const env = { DATABASE_URL, DATABASE_SCHEMA: schema };

afterAll(async () => {
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
});

describe('with DATABASE_URL (PostgreSQL)', () => {
  it('keeps drafts and acknowledged ballots across a restart', async () => {
    const first = await startTestServer(env);
    const s = await createSessionFixture(first.url);
    const editor = connectDoc(first.wsUrl, s.recommendationId, s.participant.token);
    await vi.waitFor(() => expect(editor.provider.synced).toBe(true));
    appendParagraph(editor.body, 'Stocké dans PostgreSQL.');
    await vi.waitFor(async () => {
      const rows = await first.server.storage.docs.loadDoc(s.recommendationId);
      expect(rows.updates.length).toBeGreaterThan(0);
    });
    editor.provider.destroy();
    const fac = connectSocket(first.url, s.facilitator.token, ['websocket']);
    const par = connectSocket(first.url, s.participant.token, ['websocket']);
    type E = { emitWithAck(e: string, p: unknown): Promise<Ack<{ vote: VoteDto }>> };
    const opened = await (fac as unknown as E).emitWithAck('vote:open', { method: 'approval', question: 'PG ?' });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(
      await (par as unknown as E).emitWithAck('vote:cast', { voteId: opened.vote.id, ballot: { choice: 'for' } }),
    ).toEqual({ ok: true });
    fac.close();
    par.close();
    await first.close();

    // A second server on the same database (another instance, or the same after a crash).
    const second = await startTestServer({ ...env, SECRET: first.secret });
    try {
      const text = await api<{ text: string }>(
        second.url,
        'GET',
        `/api/sessions/${s.sessionId}/recommendations/${s.recommendationId}`,
        undefined,
        s.observer.token,
      );
      expect(text.body.text).toBe('Stocké dans PostgreSQL.');
      const vote = await api<VoteUpdated>(
        second.url,
        'GET',
        `/api/sessions/${s.sessionId}/votes/${opened.vote.id}`,
        undefined,
        s.facilitator.token,
      );
      expect(vote.body.tally).toMatchObject({ for: 1, ballots: 1 });
      expect((await api(second.url, 'GET', '/readyz')).status).toBe(200);
    } finally {
      await second.close();
    }
  });
});
