import type { PresenceParticipant } from '@roundtable/protocol';
import type { Clock, PresenceEntry, PresenceStore } from './PresenceStore.js';
import { resolvePresenceStoreOptions, type PresenceStoreOptions } from './PresenceStoreOptions.js';
import { toPresenceParticipants } from './toPresenceParticipants.js';

interface LiveEntry {
  entry: PresenceEntry;
  expiresAt: number;
}

/**
 * PresenceStore for a single server instance (development, tests): it cannot see the
 * connections of other instances. Same semantics as RedisPresenceStore, checked by the
 * shared suite in presenceStoreSuite.ts.
 */
export class InMemoryPresenceStore implements PresenceStore {
  readonly #clock: Clock;
  readonly #ttlMs: number;
  /** sessionId -> connectionId -> entry. */
  readonly #sessions = new Map<string, Map<string, LiveEntry>>();

  constructor(options: PresenceStoreOptions = {}) {
    const { clock, ttlMs } = resolvePresenceStoreOptions(options);
    this.#clock = clock;
    this.#ttlMs = ttlMs;
  }

  async join(entry: PresenceEntry): Promise<void> {
    let connections = this.#sessions.get(entry.sessionId);
    if (!connections) {
      connections = new Map();
      this.#sessions.set(entry.sessionId, connections);
    }
    // A copy, so a caller mutating its object later cannot change what others are shown.
    connections.set(entry.connectionId, { entry: { ...entry }, expiresAt: this.#expiresAt() });
  }

  async leave(sessionId: string, connectionId: string): Promise<void> {
    const connections = this.#sessions.get(sessionId);
    connections?.delete(connectionId);
    if (connections?.size === 0) this.#sessions.delete(sessionId);
  }

  async heartbeat(sessionId: string, connectionIds: readonly string[]): Promise<void> {
    // Purge first: an expired connection stays gone even if its instance comes back,
    // exactly as in Redis, where list() may already have deleted it.
    const connections = this.#purge(sessionId);
    if (!connections) return;
    const expiresAt = this.#expiresAt();
    for (const connectionId of connectionIds) {
      const live = connections.get(connectionId);
      if (live) live.expiresAt = expiresAt;
    }
  }

  async list(sessionId: string): Promise<PresenceParticipant[]> {
    const connections = this.#purge(sessionId);
    if (!connections) return [];
    return toPresenceParticipants([...connections.values()].map((live) => live.entry));
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.#sessions.clear();
  }

  #expiresAt(): number {
    return this.#clock() + this.#ttlMs;
  }

  /** Drops the session's expired entries; returns what is left, if anything. */
  #purge(sessionId: string): Map<string, LiveEntry> | undefined {
    const connections = this.#sessions.get(sessionId);
    if (!connections) return undefined;
    const now = this.#clock();
    for (const [connectionId, live] of connections) {
      if (live.expiresAt <= now) connections.delete(connectionId);
    }
    if (connections.size > 0) return connections;
    this.#sessions.delete(sessionId);
    return undefined;
  }
}
