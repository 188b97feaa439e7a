/**
 * The Redis keys of one session's presence. Every presence key is built here, so the
 * layout can be read (and changed) in one place.
 */
export interface PresenceKeys {
  /** Sorted set: member = connectionId, score = expiresAt (ms since the epoch). */
  members: string;
  /** Hash: connectionId -> JSON of its PresenceEntry. */
  entries: string;
}

/**
 * Builds the keys of `sessionId` under `prefix`. The session id is URI-encoded so an id
 * containing `:` (say `a:entries`) cannot collide with another session's keys.
 */
export function presenceKeys(prefix: string, sessionId: string): PresenceKeys {
  const members = `${prefix}:presence:${encodeURIComponent(sessionId)}`;
  return { members, entries: `${members}:entries` };
}
