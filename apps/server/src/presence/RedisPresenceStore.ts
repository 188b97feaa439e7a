import { Role, type PresenceParticipant } from '@roundtable/protocol';
import type { createClient } from 'redis';
import { z } from 'zod';
import type { Clock, PresenceEntry, PresenceStore } from './PresenceStore.js';
import { resolvePresenceStoreOptions, type PresenceStoreOptions } from './PresenceStoreOptions.js';
import { presenceKeys, type PresenceKeys } from './presenceKeys.js';
import { toPresenceParticipants } from './toPresenceParticipants.js';

/** A connected node-redis v5 client; its owner connects and quits it. */
export type PresenceRedisClient = ReturnType<typeof createClient>;

/**
 * Redis drops a session's keys this many ttls after its last join or heartbeat, so a
 * session whose instances all died leaves nothing behind. More than one ttl because the
 * key expiry runs on Redis's clock while scores use the instances' clocks, which may differ.
 */
export const KEY_EXPIRY_IN_TTLS = 3;

/**
 * Deletes the members whose score (expiresAt) is <= ARGV[1] together with their hash
 * fields. A script because it reads then writes: done from the client, a heartbeat or
 * re-join landing in between would lose its hash field and linger invisible in the set.
 * (WATCH would need a dedicated connection; the client here is shared.)
 * KEYS[1] = members sorted set, KEYS[2] = entries hash, ARGV[1] = now.
 */
const PURGE_EXPIRED_SCRIPT = `
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
for _, connectionId in ipairs(expired) do
  redis.call('HDEL', KEYS[2], connectionId)
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
return #expired
`;

/** Entries are written by other instances, possibly of another version: never trusted. */
const StoredPresenceEntry = z.object({
  sessionId: z.string(),
  connectionId: z.string(),
  participantId: z.string(),
  name: z.string(),
  role: Role,
  instanceId: z.string(),
}) satisfies z.ZodType<PresenceEntry>;

/**
 * PresenceStore shared by every server instance through Redis. Per session, a sorted set
 * maps each connection to its expiry and a hash holds the entries (see presenceKeys.ts);
 * every write touches both in one MULTI so they never disagree.
 */
export class RedisPresenceStore implements PresenceStore {
  readonly #client: PresenceRedisClient;
  readonly #prefix: string;
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #keyTtlMs: number;

  /**
   * @param client already connected; close() leaves it open for its owner to quit.
   * @param prefix namespaces every key (per deployment, and per test so tests run in parallel).
   */
  constructor(client: PresenceRedisClient, prefix: string, options: PresenceStoreOptions = {}) {
    const { clock, ttlMs } = resolvePresenceStoreOptions(options);
    this.#client = client;
    this.#prefix = prefix;
    this.#clock = clock;
    this.#ttlMs = ttlMs;
    this.#keyTtlMs = ttlMs * KEY_EXPIRY_IN_TTLS;
  }

  async join(entry: PresenceEntry): Promise<void> {
    const keys = this.#keys(entry.sessionId);
    const stored: PresenceEntry = StoredPresenceEntry.parse(entry); // drops extra properties
    await this.#client
      .multi()
      .hSet(keys.entries, entry.connectionId, JSON.stringify(stored))
      .zAdd(keys.members, { score: this.#clock() + this.#ttlMs, value: entry.connectionId })
      .pExpire(keys.members, this.#keyTtlMs)
      .pExpire(keys.entries, this.#keyTtlMs)
      .exec();
  }

  async leave(sessionId: string, connectionId: string): Promise<void> {
    const keys = this.#keys(sessionId);
    await this.#client.multi().zRem(keys.members, connectionId).hDel(keys.entries, connectionId).exec();
  }

  async heartbeat(sessionId: string, connectionIds: readonly string[]): Promise<void> {
    if (connectionIds.length === 0) return; // ZADD with no member is a syntax error
    const keys = this.#keys(sessionId);
    const now = this.#clock();
    const expiresAt = now + this.#ttlMs;
    // Purge first and refresh only members still present (XX): an expired connection stays
    // gone, and a connection another instance has already removed is not resurrected.
    await this.#client
      .multi()
      .eval(PURGE_EXPIRED_SCRIPT, purgeExpiredArgs(keys, now))
      .zAdd(
        keys.members,
        connectionIds.map((connectionId) => ({ score: expiresAt, value: connectionId })),
        { condition: 'XX' },
      )
      .pExpire(keys.members, this.#keyTtlMs)
      .pExpire(keys.entries, this.#keyTtlMs)
      .exec();
  }

  async list(sessionId: string): Promise<PresenceParticipant[]> {
    const keys = this.#keys(sessionId);
    const now = this.#clock();
    const [, live, stored] = await this.#client
      .multi()
      .eval(PURGE_EXPIRED_SCRIPT, purgeExpiredArgs(keys, now))
      .zRange(keys.members, 0, -1) // after the purge, every member left is live
      .hGetAll(keys.entries)
      .execTyped();
    const entries: PresenceEntry[] = [];
    for (const connectionId of live) {
      const parsed = StoredPresenceEntry.safeParse(jsonOrUndefined(stored[connectionId]));
      // A bad entry (say from a newer instance) hides one connection, not the whole session.
      if (parsed.success) entries.push(parsed.data);
    }
    return toPresenceParticipants(entries);
  }

  async ping(): Promise<boolean> {
    // While reconnecting, node-redis queues commands instead of failing them, and a
    // readiness probe must answer now.
    if (!this.#client.isReady) return false;
    try {
      return (await this.#client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /** Leaves the client open: it belongs to whoever created it. */
  async close(): Promise<void> {}

  #keys(sessionId: string): PresenceKeys {
    return presenceKeys(this.#prefix, sessionId);
  }
}

function purgeExpiredArgs(keys: PresenceKeys, now: number) {
  return { keys: [keys.members, keys.entries], arguments: [String(now)] };
}

function jsonOrUndefined(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
