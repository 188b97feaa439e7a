import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PresenceParticipant } from '@roundtable/protocol';
import { loadConfig } from '../src/config.js';
import { createRoundtableServer, type RoundtableServer } from '../src/createServer.js';
import { api, connectSocket, createSessionFixture, type SessionFixture, watchPresence } from './helpers/testServer.js';

const REDIS_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';
const prefix = `rt-test-${randomUUID()}`;
const secret = randomBytes(32).toString('base64url');
const dataDir = mkdtempSync(join(tmpdir(), 'rt-redis-'));

/**
 * Two instances on the real Redis with one SQLite file between them: enough to prove
 * that presence is the union over instances and events reach clients on both.
 */
const servers: { server: RoundtableServer; url: string }[] = [];
let s: SessionFixture;

beforeAll(async () => {
  for (let i = 0; i < 2; i++) {
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SECRET: secret,
      REDIS_URL,
      REDIS_PREFIX: prefix,
    });
    const server = await createRoundtableServer(config, pino({ level: 'silent' }));
    servers.push({ server, url: `http://127.0.0.1:${await server.listen()}` });
  }
  s = await createSessionFixture(servers[0]!.url);
});

afterAll(async () => {
  for (const { server } of servers) await server.close();
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}*` })) if (keys.length) await redis.del(keys);
  await redis.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('with REDIS_URL', () => {
  it('is ready when Redis answers', async () => {
    for (const { url } of servers) expect((await api(url, 'GET', '/readyz')).status).toBe(200);
  });

  it('shows presence as the union over instances, live on both', async () => {
    const [a, b] = servers;
    const onA = connectSocket(a!.url, s.facilitator.token);
    const { names } = watchPresence(onA);
    const onB = connectSocket(b!.url, s.participant.token);
    try {
      // B's participant reaches A's client through the Redis adapter.
      await vi.waitFor(() => expect(names()).toEqual(['Anne', 'Bram']));
      for (const { url } of servers) {
        const rest = await api<{ participants: PresenceParticipant[] }>(
          url,
          'GET',
          `/api/sessions/${s.sessionId}/presence`,
          undefined,
          s.observer.token,
        );
        expect(rest.body.participants.map((p) => p.name)).toEqual(['Anne', 'Bram']);
      }
      onB.close();
      await vi.waitFor(() => expect(names()).toEqual(['Anne']));
    } finally {
      onA.close();
      onB.close();
    }
  });
});
