import { randomUUID } from 'node:crypto';
import { PRESENCE_TTL_MS } from '@roundtable/protocol';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { presenceKeys } from './presenceKeys.js';
import type { Clock } from './PresenceStore.js';
import { describePresenceStore, fakeClock, presenceEntry } from './presenceStoreSuite.js';
import { KEY_EXPIRY_IN_TTLS, RedisPresenceStore, type PresenceRedisClient } from './RedisPresenceStore.js';

/** A real Redis, never a mock: the store's worth is in how it uses Redis. */
const REDIS_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';
/** Keys per SCAN round trip while cleaning up; a test writes a handful. */
const SCAN_BATCH = 100;

async function connect(): Promise<PresenceRedisClient> {
  // Errors surface through the failing commands; without a listener they would crash the run.
  return createClient({ url: REDIS_URL })
    .on('error', () => {})
    .connect();
}

/** Its own prefix per test, so files and tests can run in parallel on one Redis. */
function testPrefix(): string {
  return `rt-test-${randomUUID()}`;
}

async function deleteKeys(client: PresenceRedisClient, prefix: string): Promise<void> {
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: SCAN_BATCH })) {
    if (keys.length > 0) await client.del(keys);
  }
}

/** Stores (one client each, like separate server instances) sharing one prefix. */
async function makeInstances(count: number, clock: Clock) {
  const prefix = testPrefix();
  const clients = await Promise.all(Array.from({ length: count }, connect));
  const stores = clients.map((client) => new RedisPresenceStore(client, prefix, { clock }));
  const cleanup = async () => {
    await Promise.all(stores.map((store) => store.close()));
    const [first] = clients;
    if (first) await deleteKeys(first, prefix);
    await Promise.all(clients.map((client) => client.close()));
  };
  return { prefix, clients, stores, cleanup };
}

describePresenceStore('RedisPresenceStore', async (clock) => {
  const {
    stores: [store],
    cleanup,
  } = await makeInstances(1, clock);
  if (!store) throw new Error('no store created');
  return { store, cleanup };
});

describe('RedisPresenceStore', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  async function twoInstances(clock: Clock) {
    const instances = await makeInstances(2, clock);
    cleanup = instances.cleanup;
    const [a, b] = instances.stores;
    const [client] = instances.clients;
    if (!a || !b || !client) throw new Error('instances not created');
    return { a, b, client, prefix: instances.prefix };
  }

  it('shows every instance the union of their connections', async () => {
    const { clock } = fakeClock();
    const { a, b } = await twoInstances(clock);
    await a.join(presenceEntry({ connectionId: 'a-1', participantId: 'alice', instanceId: 'a' }));
    await b.join(presenceEntry({ connectionId: 'b-1', participantId: 'bob', name: 'Bob', instanceId: 'b' }));
    await b.join(presenceEntry({ connectionId: 'b-2', participantId: 'alice', instanceId: 'b' }));
    const expected = [
      { id: 'alice', name: 'Alice', role: 'participant', online: true },
      { id: 'bob', name: 'Bob', role: 'participant', online: true },
    ];
    expect(await a.list('session-1')).toEqual(expected);
    expect(await b.list('session-1')).toEqual(expected);

    await b.leave('session-1', 'b-1');
    expect((await a.list('session-1')).map((p) => p.id)).toEqual(['alice']);
  });

  it('drops the connections of an instance that stops heartbeating', async () => {
    const { clock, advance } = fakeClock();
    const { a, b } = await twoInstances(clock);
    await a.join(presenceEntry({ connectionId: 'a-1', participantId: 'alice' }));
    await b.join(presenceEntry({ connectionId: 'b-1', participantId: 'bob', name: 'Bob' }));
    advance(PRESENCE_TTL_MS / 2);
    await a.heartbeat('session-1', ['a-1']); // b has died
    advance(PRESENCE_TTL_MS / 2);
    expect((await b.list('session-1')).map((p) => p.id)).toEqual(['alice']);
  });

  it('skips a stored entry that does not parse, keeping the others', async () => {
    const { clock } = fakeClock();
    const { a, client, prefix } = await twoInstances(clock);
    await a.join(presenceEntry());
    const keys = presenceKeys(prefix, 'session-1');
    const expiresAt = clock() + PRESENCE_TTL_MS;
    const corrupt = {
      'bad-role': JSON.stringify(presenceEntry({ role: 'admin' as never })),
      'not-json': '{',
    };
    for (const [connectionId, json] of Object.entries(corrupt)) {
      await client.hSet(keys.entries, connectionId, json);
      await client.zAdd(keys.members, { score: expiresAt, value: connectionId });
    }
    expect((await a.list('session-1')).map((p) => p.id)).toEqual(['alice']);
  });

  it('lets Redis drop the keys of an abandoned session', async () => {
    const { clock } = fakeClock();
    const { a, client, prefix } = await twoInstances(clock);
    await a.join(presenceEntry());
    const keys = presenceKeys(prefix, 'session-1');
    for (const key of [keys.members, keys.entries]) {
      const ttl = await client.pTTL(key);
      expect(ttl).toBeGreaterThan(PRESENCE_TTL_MS);
      expect(ttl).toBeLessThanOrEqual(PRESENCE_TTL_MS * KEY_EXPIRY_IN_TTLS);
    }
  });

  it('deletes the hash entries of expired connections', async () => {
    const { clock, advance } = fakeClock();
    const { a, client, prefix } = await twoInstances(clock);
    await a.join(presenceEntry());
    advance(PRESENCE_TTL_MS);
    await a.list('session-1');
    const keys = presenceKeys(prefix, 'session-1');
    expect(await client.exists([keys.members, keys.entries])).toBe(0);
  });

  it('answers ping false once its client is closed, without closing it itself', async () => {
    const { clock } = fakeClock();
    const { a, client } = await twoInstances(clock);
    await a.close();
    expect(await client.ping()).toBe('PONG');
    const own = await connect();
    const store = new RedisPresenceStore(own, testPrefix());
    await own.close();
    expect(await store.ping()).toBe(false);
  });
});
