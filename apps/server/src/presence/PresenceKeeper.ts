import type { Logger } from 'pino';
import { PRESENCE_HEARTBEAT_MS, type PresenceParticipant, type Role } from '@roundtable/protocol';
import type { PresenceStore } from './PresenceStore.js';

/**
 * Presence changes of one session are broadcast at most this often: when a venue
 * joins at once, N joins make a handful of broadcasts, not N lists sent to N people.
 */
export const PRESENCE_BROADCAST_THROTTLE_MS = 250;

/** One live connection of this instance, as the keeper needs to see it. */
export interface LocalConnection {
  readonly id: string;
  /** False once the connection has gone (its leave may still be in flight). */
  readonly connected: boolean;
  readonly data: { sessionId: string; participantId: string; name: string; role: Role };
}

/** Where the keeper sends a session's presence list (the Broadcaster). */
export interface PresenceBroadcast {
  presenceUpdated(sessionId: string, participants: PresenceParticipant[]): void;
}

/**
 * Keeps this instance's connections in the PresenceStore: join and leave, a heartbeat
 * that refreshes them (and brings back those lost with Redis), and one coalesced
 * broadcast per session of what changed. Knows no transport.
 */
export class PresenceKeeper {
  private readonly heartbeat: NodeJS.Timeout;
  /** Last presence list sent per session, to broadcast only changes (expiry sweep). */
  private readonly lastSent = new Map<string, string>();
  private readonly presenceTimers = new Map<string, NodeJS.Timeout>();
  private refreshing = false;

  constructor(
    private readonly presence: PresenceStore,
    /** This instance's live connections, read at each heartbeat. */
    private readonly localConnections: () => Iterable<LocalConnection>,
    private readonly broadcaster: PresenceBroadcast,
    private readonly instanceId: string,
    private readonly log: Logger,
  ) {
    this.heartbeat = setInterval(() => void this.refreshPresence(), PRESENCE_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /**
   * Records a new connection and resolves with its session's list (for the newcomer,
   * at once); the others get it with the next coalesced broadcast.
   */
  async join(connection: LocalConnection): Promise<PresenceParticipant[]> {
    const { sessionId, participantId, name, role } = connection.data;
    await this.presence.join({
      sessionId,
      connectionId: connection.id,
      participantId,
      name,
      role,
      instanceId: this.instanceId,
    });
    const participants = await this.presence.list(sessionId);
    this.scheduleBroadcast(sessionId);
    return participants;
  }

  /** Removes a connection that left; its session hears of it with the next broadcast. */
  leave(sessionId: string, connectionId: string): void {
    void this.presence
      .leave(sessionId, connectionId)
      .then(() => this.scheduleBroadcast(sessionId))
      .catch((err: unknown) => this.log.warn({ err }, 'presence leave failed'));
  }

  /** Removes a connection without telling its session (shutting down: no one is left to tell). */
  remove(sessionId: string, connectionId: string): Promise<void> {
    return this.presence.leave(sessionId, connectionId);
  }

  list(sessionId: string): Promise<PresenceParticipant[]> {
    return this.presence.list(sessionId);
  }

  private scheduleBroadcast(sessionId: string): void {
    if (this.presenceTimers.has(sessionId)) return;
    const timer = setTimeout(() => {
      this.presenceTimers.delete(sessionId);
      this.broadcastPresence(sessionId, true).catch((err: unknown) =>
        this.log.warn({ err, sessionId }, 'presence broadcast failed'),
      );
    }, PRESENCE_BROADCAST_THROTTLE_MS);
    this.presenceTimers.set(sessionId, timer);
  }

  /** Sends the session's presence to all its members, on every instance. */
  private async broadcastPresence(
    sessionId: string,
    onlyIfChanged = false,
    listed?: PresenceParticipant[],
  ): Promise<void> {
    const participants: PresenceParticipant[] = listed ?? (await this.presence.list(sessionId));
    const key = JSON.stringify(participants);
    if (onlyIfChanged && this.lastSent.get(sessionId) === key) return;
    this.lastSent.set(sessionId, key);
    this.broadcaster.presenceUpdated(sessionId, participants);
  }

  /**
   * Refreshes this instance's connections and re-reads each of its sessions, so
   * members of a dead instance (whose entries expired) are seen to leave.
   */
  private async refreshPresence(): Promise<void> {
    // While Redis is away the commands queue up: one refresh at a time, not one per tick.
    if (this.refreshing) return;
    this.refreshing = true;
    try {
      const bySession = new Map<string, LocalConnection[]>();
      for (const connection of this.localConnections()) {
        const list = bySession.get(connection.data.sessionId) ?? [];
        list.push(connection);
        bySession.set(connection.data.sessionId, list);
      }
      for (const sessionId of this.lastSent.keys()) {
        if (!bySession.has(sessionId)) this.lastSent.delete(sessionId);
      }
      for (const [sessionId, connections] of bySession) {
        try {
          await this.presence.heartbeat(
            sessionId,
            connections.map((s) => s.id),
          );
          let listed = await this.presence.list(sessionId);
          if (await this.rejoinMissing(sessionId, connections, listed)) listed = await this.presence.list(sessionId);
          await this.broadcastPresence(sessionId, true, listed);
        } catch (err) {
          this.log.warn({ err, sessionId }, 'presence heartbeat failed');
        }
      }
    } finally {
      this.refreshing = false;
    }
  }

  /**
   * The heartbeat only refreshes entries that exist (so a connection that has left is
   * not brought back). After Redis lost its data (a restart), or after our entries
   * expired while this process stalled, our live connections would stay missing until
   * they reconnect: join again those of this instance whose participant is not listed.
   * Returns whether any was joined. (Found by test/faults.test.ts, Redis restart.)
   */
  private async rejoinMissing(
    sessionId: string,
    connections: LocalConnection[],
    listed: PresenceParticipant[],
  ): Promise<boolean> {
    const present = new Set(listed.map((p) => p.id));
    // `connected` is read just before each join is sent, so a disconnect's leave follows our
    // join; were it to overtake it, the entry would linger one ttl, within api-v1's 30 s.
    // A participant listed through another connection is not missing: if that one leaves,
    // the next heartbeat joins this one again.
    const missing = connections.filter((s) => !present.has(s.data.participantId));
    let joined = false;
    for (const connection of missing) {
      if (!connection.connected) continue;
      const { participantId, name, role } = connection.data;
      const instanceId = this.instanceId;
      await this.presence.join({ sessionId, connectionId: connection.id, participantId, name, role, instanceId });
      joined = true;
    }
    return joined;
  }

  /** Stops the heartbeat and pending broadcasts. */
  close(): void {
    clearInterval(this.heartbeat);
    for (const t of this.presenceTimers.values()) clearTimeout(t);
    this.presenceTimers.clear();
  }
}
