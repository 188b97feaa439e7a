import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JoinResponse, VoteDto, VoteUpdated } from '@roundtable/protocol';
import { api, emitAck, connectSocket, createSessionFixture } from './helpers/testServer.js';
import { spawnServer, type ServerProcess } from './helpers/serverProcess.js';

const dirs: string[] = [];
const children: ServerProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.child.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(dataDir: string): Promise<ServerProcess> {
  const server = await spawnServer({ DATA_DIR: dataDir });
  children.push(server);
  return server;
}

async function connected(url: string, token: string) {
  const socket = connectSocket(url, token, ['websocket']);
  await vi.waitFor(() => expect(socket.connected).toBe(true), { timeout: 10_000 });
  return socket;
}

const emit = emitAck;

describe('votes survive a killed server', () => {
  it('keeps every acknowledged ballot after kill -9 right after the acks', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rt-votes-'));
    dirs.push(dataDir);
    const first = await start(dataDir);
    const s = await createSessionFixture(first.url);
    const fac = await connected(first.url, s.facilitator.token);
    const opened = await emit<{ vote: VoteDto }>(fac, 'vote:open', { method: 'approval', question: 'Tenir bon ?' });
    if (!opened.ok) throw new Error(opened.error.message);
    const joins = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        api<JoinResponse>(first.url, 'POST', '/api/join', { code: s.created.codes.participant, name: `V${i}` }),
      ),
    );
    const voters = await Promise.all(joins.map((j) => connected(first.url, j.body.token)));
    const acks = await Promise.all(
      voters.map((v) => emit(v, 'vote:cast', { voteId: opened.vote.id, ballot: { choice: 'for' } })),
    );
    const acknowledged = acks.filter((a) => a.ok).length;
    expect(acknowledged).toBe(40);
    first.child.kill('SIGKILL');
    await first.exited;
    for (const v of [fac, ...voters]) v.close();

    const second = await start(dataDir);
    const view = await api<VoteUpdated>(
      second.url,
      'GET',
      `/api/sessions/${s.sessionId}/votes/${opened.vote.id}`,
      undefined,
      s.facilitator.token,
    );
    expect(view.body.tally).toMatchObject({ for: acknowledged, ballots: acknowledged });
  });

  it('closes a timed vote once, even when the server that set the timer was killed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rt-votes-'));
    dirs.push(dataDir);
    const first = await start(dataDir);
    const s = await createSessionFixture(first.url);
    const fac = await connected(first.url, s.facilitator.token);
    const opened = await emit<{ vote: VoteDto }>(fac, 'vote:open', {
      method: 'approval',
      question: 'Vote minuté ?',
      durationSeconds: 10,
    });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.vote.closesAt).not.toBeNull();
    fac.close();
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await start(dataDir);
    const observer = await connected(second.url, s.observer.token);
    const closes: VoteUpdated[] = [];
    observer.on('vote:updated', (u) => {
      if (u.vote.status === 'closed') closes.push(u);
    });
    await vi.waitFor(
      async () => {
        const view = await api<VoteUpdated>(
          second.url,
          'GET',
          `/api/sessions/${s.sessionId}/votes/${opened.vote.id}`,
          undefined,
          s.observer.token,
        );
        expect(view.body.vote.status).toBe('closed');
      },
      { timeout: 20_000, interval: 250 },
    );
    await vi.waitFor(() => expect(closes).toHaveLength(1));
    observer.close();
  });
});
