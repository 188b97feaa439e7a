import { PRESENCE_TTL_MS } from '@roundtable/protocol';
import type { Clock } from './PresenceStore.js';

/** Options shared by the PresenceStore implementations. */
export interface PresenceStoreOptions {
  /** Defaults to `Date.now`; tests inject a fake clock to move time without sleeping. */
  clock?: Clock;
  /** How long an entry lives unless refreshed. Defaults to PRESENCE_TTL_MS. */
  ttlMs?: number;
}

/** Fills in the defaults and rejects a ttl that would expire every entry at once. */
export function resolvePresenceStoreOptions({
  clock = Date.now,
  ttlMs = PRESENCE_TTL_MS,
}: PresenceStoreOptions = {}): Required<PresenceStoreOptions> {
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
    throw new RangeError(`ttlMs must be a positive integer, got ${ttlMs}`);
  }
  return { clock, ttlMs };
}
