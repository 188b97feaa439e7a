import type { PresenceParticipant, Role } from '@roundtable/protocol';

/** One live socket.io connection of one participant, on one server instance. */
export interface PresenceEntry {
  sessionId: string;
  /** Unique per connection (socket.io socket id); a participant may have several. */
  connectionId: string;
  participantId: string;
  name: string;
  role: Role;
  /** The server instance holding the connection, for diagnostics. */
  instanceId: string;
}

/**
 * Who is online in each session, across every server instance.
 * Entries expire unless refreshed, so an instance that dies without saying
 * goodbye has its participants disappear within PRESENCE_TTL_MS.
 */
export interface PresenceStore {
  /** Adds or refreshes a connection. */
  join(entry: PresenceEntry): Promise<void>;
  /** Removes a connection at once (a clean disconnect). */
  leave(sessionId: string, connectionId: string): Promise<void>;
  /** Refreshes the expiry of connections this instance still holds. */
  heartbeat(sessionId: string, connectionIds: readonly string[]): Promise<void>;
  /**
   * Participants with at least one unexpired connection, one row each (deduplicated
   * by participant id), sorted by name then id. Expired entries are dropped as a side effect.
   */
  list(sessionId: string): Promise<PresenceParticipant[]>;
  /** True when the backing service answers (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Milliseconds since the epoch; injected so tests can move time. */
export type Clock = () => number;
