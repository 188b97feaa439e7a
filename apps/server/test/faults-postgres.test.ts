import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { DRAFT_BODY_FIELD, YJS_CLOSE, type VoteDto, type VoteUpdated } from '@roundtable/protocol';
import { PgStorage } from '../src/storage/PgStorage.js';
import { DATABASE_TEST_URL, deploymentEnv, dropDeployment } from './helpers/cluster.js';
import { emit, faultRig, join, lines, readyz } from './helpers/faultRig.js';
import { startTcpProxy } from './helpers/tcpProxy.js';
import { api, appendParagraph, connectDoc, connectSocket, createSessionFixture } from './helpers/testServer.js';

/**
 * PostgreSQL unreachable for a moment (issue #5, docs/architecture.md "Faults"): through a TCP
 * proxy that refuses and resets connections, or silently stops forwarding, with real server
 * processes on loopback; and storage itself losing connections mid-transaction.
 */

/**
 * While PostgreSQL is unreachable, a ballot is answered within this: a cast reads the vote
 * then writes, each bounded by PgStorage's timeouts (5 s to connect, 6 s per query).
 */
const ACK_BOUND_MS = 20_000;

const { cleanups, spawn, socketOn, docOn } = faultRig();

describe('PostgreSQL unreachable for a moment', () => {
  it.each(['refuse', 'blackhole'] as const)(
    'refuses ballots in their ack, never a false ok, and keeps the edits until storage returns (%s)',
    async (mode) => {
      const proxy = await startTcpProxy(Number(new URL(DATABASE_TEST_URL).port || 5432));
      cleanups.push(() => proxy.close());
      const viaProxy = new URL(DATABASE_TEST_URL);
      viaProxy.port = String(proxy.port);
      const env = deploymentEnv({ DATABASE_URL: viaProxy.toString() });
      cleanups.push(() => dropDeployment({ ...env, DATABASE_URL: DATABASE_TEST_URL }));
      const server = await spawn(env);
      const s = await createSessionFixture(server.url);
      const editor = docOn(server.wsUrl, s, s.participant.token);
      await vi.waitFor(() => expect(editor.provider.synced).toBe(true), { timeout: 10_000 });
      appendParagraph(editor.body, 'avant la coupure');

      const fac = await socketOn(server.url, s.facilitator.token);
      const opened = await emit<{ vote: VoteDto }>(fac, 'vote:open', { method: 'approval', question: 'Stockage ?' });
      if (!opened.ok) throw new Error(opened.error.message);
      const voters = await Promise.all(
        Array.from({ length: 4 }, (_, i) => join(server.url, s.created.codes.participant, `Votant ${i}`)),
      );
      const voterSockets = await Promise.all(voters.map((v) => socketOn(server.url, v.token)));

      // Ballots keep coming while the link goes down and comes back, so some are in flight
      // (mid-transaction) at the cut.
      const outcomes = new Map<number, string[]>();
      let casting = true;
      cleanups.push(() => (casting = false));
      const castLoops = voterSockets.map(async (v, i) => {
        const mine: string[] = [];
        outcomes.set(i, mine);
        while (casting) {
          const ack = await emit(v, 'vote:cast', { voteId: opened.vote.id, ballot: { choice: 'for' } }).catch(
            () => undefined,
          );
          if (!ack) return; // the socket was closed: the test is over
          mine.push(ack.ok ? 'ok' : ack.error.code);
          await new Promise((r) => setTimeout(r, 100)); // pace: under SOCKET_EVENT_RATE
        }
      });
      await vi.waitFor(() => expect([...outcomes.values()].every((o) => o.includes('ok'))).toBe(true), {
        timeout: 10_000,
      });

      await proxy.cut(mode);
      await vi.waitFor(async () => expect(await readyz(server.url)).toBe(503), { timeout: 15_000 });
      const refused = await emit(voterSockets[0]!, 'vote:cast', { voteId: opened.vote.id, ballot: { choice: 'for' } });
      expect(refused).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      // Ballots that were in flight at the cut are answered too, while it lasts: no ack hangs.
      await vi.waitFor(() => expect([...outcomes.values()].every((o) => o.includes('unavailable'))).toBe(true), {
        timeout: ACK_BOUND_MS,
        interval: 250,
      });
      appendParagraph(editor.body, 'pendant la coupure 1');
      appendParagraph(editor.body, 'pendant la coupure 2');
      // A browser reconnecting now is turned away (not crashed on), and so is a new socket.
      const late = connectDoc(server.wsUrl, s.recommendationId, s.observer.token);
      cleanups.push(() => late.provider.destroy());
      const lateClose = await new Promise<number>((resolve) =>
        late.provider.on('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? -1)),
      );
      late.provider.destroy();
      expect(lateClose).toBe(YJS_CLOSE.goingAway);
      const refusedSocket = connectSocket(server.url, s.observer.token, ['websocket']);
      cleanups.push(() => refusedSocket.close());
      expect(
        await new Promise<string>((resolve) => refusedSocket.once('connect_error', (e) => resolve(e.message))),
      ).toBe('unavailable');

      await proxy.restore();
      await vi.waitFor(async () => expect(await readyz(server.url)).toBe(200), { timeout: 15_000 });
      appendParagraph(editor.body, 'après la coupure');
      await vi.waitFor(() => expect([...outcomes.values()].every((o) => o.at(-1) === 'ok')).toBe(true), {
        timeout: 15_000,
      });
      casting = false;
      await Promise.all(castLoops);

      // Only two answers ever: stored, or unavailable.
      const codes = new Set([...outcomes.values()].flat());
      expect([...codes].sort()).toEqual(['ok', 'unavailable']);
      // Every voter with an ok has a ballot; the same participant is counted once.
      const view = await api<VoteUpdated>(
        server.url,
        'GET',
        `/api/sessions/${s.sessionId}/votes/${opened.vote.id}`,
        undefined,
        s.facilitator.token,
      );
      expect(view.body.tally).toMatchObject({ for: 4, ballots: 4 });

      // What was typed during the outage reached PostgreSQL once it came back…
      const expected = ['avant la coupure', 'pendant la coupure 1', 'pendant la coupure 2', 'après la coupure'];
      await vi.waitFor(
        async () => expect(await storedLines(env.DATABASE_SCHEMA!, s.recommendationId)).toEqual(expected),
        {
          timeout: 15_000,
          interval: 250,
        },
      );
      // …and a fresh instance, after this one is killed, serves it.
      expect(server.alive()).toBe(true);
      server.child.kill('SIGKILL');
      await server.exited;
      const fresh = await spawn({ ...env, DATABASE_URL: DATABASE_TEST_URL });
      const text = await api<{ text: string }>(
        fresh.url,
        'GET',
        `/api/sessions/${s.sessionId}/recommendations/${s.recommendationId}`,
        undefined,
        s.observer.token,
      );
      expect(text.body.text.split('\n')).toEqual(expected);
    },
    120_000,
  );

  it("loses connections mid-transaction without an unhandled 'error' (which would kill the process)", async () => {
    const proxy = await startTcpProxy(Number(new URL(DATABASE_TEST_URL).port || 5432));
    cleanups.push(() => proxy.close());
    const viaProxy = new URL(DATABASE_TEST_URL);
    viaProxy.port = String(proxy.port);
    const env = deploymentEnv();
    cleanups.push(() => dropDeployment({ ...env, DATABASE_URL: DATABASE_TEST_URL }));
    const storage = new PgStorage(viaProxy.toString(), env.DATABASE_SCHEMA);
    cleanups.push(() => storage.close());
    await storage.migrate();
    // Transactions back to back on every pooled connection, so the cut finds some mid-way.
    let running = true;
    cleanups.push(() => (running = false));
    let written = 0;
    let failed = 0;
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; running; i++) {
        try {
          await storage.votes.castBallots([
            {
              voteId: 'v',
              voterKey: `${w}-${i}`,
              participantId: null,
              group: 'unspecified',
              ballot: { choice: 'for' },
              castAt: null,
            },
          ]);
          written++;
        } catch {
          failed++;
          await new Promise((r) => setTimeout(r, 10)); // do not spin on a refused connect
        }
      }
    });
    await vi.waitFor(() => expect(written).toBeGreaterThan(50), { timeout: 10_000 });
    await proxy.cut('refuse');
    await vi.waitFor(() => expect(failed).toBeGreaterThan(8), { timeout: 10_000 });
    await proxy.restore();
    const before = written;
    await vi.waitFor(() => expect(written).toBeGreaterThan(before + 50), { timeout: 10_000 });
    running = false;
    await Promise.all(writers);
  });
});

/** The draft's lines as PostgreSQL holds them, read directly. */
async function storedLines(schema: string, docName: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: DATABASE_TEST_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ data: Buffer }>(
      `SELECT data FROM ${schema}.doc_updates WHERE doc_name = $1 ORDER BY seq`,
      [docName],
    );
    const doc = new Y.Doc();
    for (const r of rows) Y.applyUpdate(doc, new Uint8Array(r.data));
    return lines(doc.getXmlFragment(DRAFT_BODY_FIELD));
  } finally {
    await client.end();
  }
}
