import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { DocBusHandlers } from '../src/collab/DocBus.js';
import { docUpdatesStream } from '../src/collab/docBusKeys.js';
import { OUTBOX_MERGE_AT, RedisDocBus } from '../src/collab/RedisDocBus.js';
import { type RedisServer, startRedisServer } from './helpers/redisServer.js';

const log = pino({ level: 'silent' });
const prefix = `rt-test-${randomUUID()}`;

type Client = ReturnType<typeof createClient>;
let redis: RedisServer;
const clients: Client[] = [];

/** A bus as an instance builds it: three connections of its own to the test's Redis. */
async function bus(): Promise<RedisDocBus> {
  const made = [0, 1, 2].map(() => {
    const c = createClient({ url: redis.url });
    c.on('error', () => undefined);
    clients.push(c);
    return c;
  });
  await Promise.all(made.map((c) => c.connect()));
  return new RedisDocBus(made[0]!, made[1]!, made[2]!, prefix, randomUUID(), log);
}

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  await redis.kill();
});

/** One keystroke per update, as a typist's client sends them. */
function keystrokes(count: number): { updates: Uint8Array[]; text: string } {
  const doc = new Y.Doc();
  const text = doc.getText('body');
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < count; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  return { updates, text: text.toString() };
}

/** Handlers of another instance that apply what it receives to `doc`, and nothing else. */
const applyingTo = (doc: Y.Doc): DocBusHandlers => ({
  update: (u) => Y.applyUpdate(doc, u),
  awareness: () => undefined,
  frozen: () => undefined,
  erased: () => undefined,
  resync: () => undefined,
});

describe('RedisDocBus while Redis is away', () => {
  it('holds the updates typed meanwhile merged, sends a few stream entries once Redis is back, and the other instance gets every edit', async () => {
    const sender = await bus();
    const receiver = await bus();
    const docName = `rec-${randomUUID()}`;
    const seen = new Y.Doc();
    await receiver.attach(docName, applyingTo(seen));

    await redis.kill();
    const typed = keystrokes(OUTBOX_MERGE_AT * 8);
    for (const u of typed.updates) sender.publishUpdate(docName, u);
    await redis.start();

    await vi.waitFor(() => expect(seen.getText('body').toString()).toBe(typed.text), {
      timeout: 20_000,
      interval: 100,
    });
    const probe = createClient({ url: redis.url });
    clients.push(probe);
    await probe.connect();
    // Without merging: one entry per keystroke (2,048).
    expect(await probe.xLen(docUpdatesStream(prefix, docName))).toBeLessThan(40);
    await Promise.all([sender.close(), receiver.close()]);
  }, 40_000);

  it('keeps each document apart and in order when many are typed in at once', async () => {
    const sender = await bus();
    const receiver = await bus();
    const docs = Array.from({ length: 20 }, () => ({
      name: `rec-${randomUUID()}`,
      seen: new Y.Doc(),
      typed: keystrokes(60),
    }));
    for (const d of docs) await receiver.attach(d.name, applyingTo(d.seen));
    // Interleaved, as twenty drafts typed in at the same time: 1,200 updates, past the merge mark.
    for (let i = 0; i < 60; i++) for (const d of docs) sender.publishUpdate(d.name, d.typed.updates[i]!);
    await vi.waitFor(
      () => {
        for (const d of docs) expect(d.seen.getText('body').toString()).toBe(d.typed.text);
      },
      { timeout: 20_000, interval: 100 },
    );
    await Promise.all([sender.close(), receiver.close()]);
  }, 40_000);
});
