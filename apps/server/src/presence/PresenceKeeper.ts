import type { Logger } from 'pino';
import {
  PRESENCE_CHANGE_WINDOW_MS,
  PRESENCE_HEARTBEAT_MS,
  type PresenceChanged,
  type PresenceParticipant,
  type PresenceSnapshot,
  type Role,
} from '@roundtable/protocol';
import type { PresenceStore } from './PresenceStore.js';
import { comparePresence } from './toPresenceParticipants.js';
import { diffPresence } from './diffPresence.js';

/** One live connection of this instance, as the keeper needs to see it. */
export interface LocalConnection {
  readonly id: string;
  /** False once the connection has gone (its leave may still be in flight). */
  readonly connected: boolean;
  readonly data: { sessionId: string; participantId: string; name: string; role: Role };
}

/** Where the keeper sends presence changes (the Broadcaster). */
export interface PresenceBroadcast {
  /**
   * To this instance's members of the session only (each instance numbers its own
   * revisions), leaving out `except`: connections still waiting for their list.
   */
  presenceChanged(change: PresenceChanged, except: readonly string[]): void;
  /** The whole list to these connections of this instance: one encoding for all of them. */
  presenceListed(snapshot: PresenceSnapshot, connectionIds: readonly string[]): void;
  /** Tells the other instances that this one changed the session's presence in the store. */
  presenceTouched(sessionId: string): void;
}

/** What this instance last told its members of one session. */
interface SessionView {
  revision: number;
  byId: Map<string, PresenceParticipant>;
}

/**
 * Keeps this instance's connections in the PresenceStore (join, leave, a heartbeat that
 * refreshes them and brings back those lost with Redis) and tells this instance's members
 * what changed: a newcomer gets the whole list once, then everyone gets `presence:changed`
 * deltas, at most one per PRESENCE_CHANGE_WINDOW_MS, numbered per session on this instance.
 * A join storm of N people thus sends each member each person about once (O(N) bytes per
 * member), where sending the list at each change sent it O(N) times. Newcomers get their
 * list with the window's delta too, all of them the same list, so the server encodes it
 * once per window rather than once per newcomer (N lists of up to N rows in a storm).
 * Knows no transport.
 *
 * Other instances' changes reach us as `presenceTouched` notices (through the adapter) and
 * expiries of a dead instance at the heartbeat: both re-read the store and send the diff.
 */
export class PresenceKeeper {
  private readonly heartbeat: NodeJS.Timeout;
  private readonly views = new Map<string, SessionView>();
  private readonly loading = new Map<string, Promise<SessionView>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** When each session's last diff started: the next waits for the rest of the window. */
  private readonly lastDiffAt = new Map<string, number>();
  /** Sessions this instance changed in the store since their last diff: the others are told. */
  private readonly touched = new Set<string>();
  /** Per session, connections that joined and wait for their list (sent with the next diff). */
  private readonly awaitingList = new Map<string, Set<string>>();
  /** One diff at a time per session, so revisions go out in order. */
  private readonly diffing = new Map<string, Promise<void>>();
  private refreshing = false;
  private closed = false;

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
   * Records a new connection; with the next window's diff it gets the list (itself in it)
   * and its revision, and the deltas after it. It is left out of the deltas until then.
   */
  async join(connection: LocalConnection): Promise<void> {
    const { sessionId, participantId, name, role } = connection.data;
    await this.presence.join({
      sessionId,
      connectionId: connection.id,
      participantId,
      name,
      role,
      instanceId: this.instanceId,
    });
    // Loaded before the window closes, so the first diff has a view to start from.
    await this.view(sessionId);
    const waiting = this.awaitingList.get(sessionId) ?? new Set<string>();
    waiting.add(connection.id);
    this.awaitingList.set(sessionId, waiting);
    this.touch(sessionId);
  }

  /** Removes a connection that left; its session hears of it with the next delta. */
  leave(sessionId: string, connectionId: string): void {
    this.awaitingList.get(sessionId)?.delete(connectionId);
    void this.presence
      .leave(sessionId, connectionId)
      .then(() => this.touch(sessionId))
      .catch((err: unknown) => this.log.warn({ err }, 'presence leave failed'));
  }

  /** Removes a connection without telling its session (shutting down: no one is left to tell). */
  remove(sessionId: string, connectionId: string): Promise<void> {
    return this.presence.leave(sessionId, connectionId);
  }

  /** The store's list (GET .../presence, `presence:list`): every instance's connections now. */
  list(sessionId: string): Promise<PresenceParticipant[]> {
    return this.presence.list(sessionId);
  }

  /** The list this instance last sent, with its revision (`presence:sync`). */
  async snapshot(sessionId: string): Promise<PresenceSnapshot> {
    const view = await this.view(sessionId);
    return { sessionId, participants: [...view.byId.values()], revision: view.revision };
  }

  /** Another instance changed this session's presence: re-read it soon, if we have members there. */
  touchedElsewhere(sessionId: string): void {
    if (this.views.has(sessionId)) this.schedule(sessionId, 0);
  }

  /**
   * At most one diff per window and session: a change in a quiet session goes at once (a
   * newcomer waits for no window), the changes that follow it within the window together.
   */
  private touch(sessionId: string): void {
    this.touched.add(sessionId);
    const sinceLast = Date.now() - (this.lastDiffAt.get(sessionId) ?? Number.NEGATIVE_INFINITY);
    this.schedule(sessionId, Math.max(0, PRESENCE_CHANGE_WINDOW_MS - sinceLast));
  }

  private schedule(sessionId: string, delayMs: number): void {
    // Leaves of our own connections still resolve while the server shuts down.
    if (this.closed || this.timers.has(sessionId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(sessionId);
      this.lastDiffAt.set(sessionId, Date.now());
      this.sendDiff(sessionId).catch((err: unknown) => this.log.warn({ err, sessionId }, 'presence diff failed'));
    }, delayMs);
    this.timers.set(sessionId, timer);
  }

  /** This instance's view of a session, read from the store the first time. */
  private async view(sessionId: string): Promise<SessionView> {
    const known = this.views.get(sessionId);
    if (known) return known;
    let pending = this.loading.get(sessionId);
    if (!pending) {
      pending = this.presence.list(sessionId).then((listed) => {
        const view: SessionView = { revision: 0, byId: new Map(listed.map((p) => [p.id, p])) };
        this.views.set(sessionId, view);
        return view;
      });
      this.loading.set(sessionId, pending);
      void pending.finally(() => this.loading.delete(sessionId)).catch(() => undefined);
    }
    return pending;
  }

  /**
   * Re-reads the session and sends what changed since our last revision, if anything did,
   * then the list to the newcomers whose entries were written before the read. With a list
   * read earlier (`listed`, the heartbeat) newcomers keep waiting for the next window.
   */
  private sendDiff(sessionId: string, listed?: PresenceParticipant[]): Promise<void> {
    const previous = this.diffing.get(sessionId) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        // A view forgotten at a heartbeat while a newcomer waited is read again for it.
        const view =
          this.views.get(sessionId) ?? (this.awaitingList.has(sessionId) ? await this.view(sessionId) : undefined);
        if (!view) return;
        const wasTouched = this.touched.delete(sessionId);
        const served = listed ? [] : this.takeAwaiting(sessionId);
        const current = listed ?? (await this.presence.list(sessionId));
        // Our writes are in the store before the notice leaves, so the others read them.
        if (wasTouched) this.broadcaster.presenceTouched(sessionId);
        const { joined, left } = diffPresence(view.byId, current);
        if (joined.length > 0 || left.length > 0) {
          view.byId = new Map(current.map((p) => [p.id, p]));
          view.revision += 1;
          const stillWaiting = [...(this.awaitingList.get(sessionId) ?? []), ...served];
          this.broadcaster.presenceChanged({ sessionId, joined, left, revision: view.revision }, stillWaiting);
        }
        if (served.length > 0) {
          const participants = [...view.byId.values()].sort(comparePresence);
          this.broadcaster.presenceListed({ sessionId, participants, revision: view.revision }, served);
        }
      });
    this.diffing.set(sessionId, next);
    void next.finally(() => {
      if (this.diffing.get(sessionId) === next) this.diffing.delete(sessionId);
    });
    return next;
  }

  private takeAwaiting(sessionId: string): string[] {
    const waiting = this.awaitingList.get(sessionId);
    this.awaitingList.delete(sessionId);
    return waiting ? [...waiting] : [];
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
      // No member here any more: forget the view (a later newcomer reads the store again).
      for (const sessionId of this.views.keys()) {
        if (!bySession.has(sessionId) && !this.timers.has(sessionId)) {
          this.views.delete(sessionId);
          this.lastDiffAt.delete(sessionId);
        }
      }
      for (const [sessionId, connections] of bySession) {
        try {
          await this.presence.heartbeat(
            sessionId,
            connections.map((s) => s.id),
          );
          let listed = await this.presence.list(sessionId);
          if (await this.rejoinMissing(sessionId, connections, listed)) {
            listed = await this.presence.list(sessionId);
            this.touched.add(sessionId);
          }
          await this.sendDiff(sessionId, listed);
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

  /** Stops the heartbeat and pending diffs. */
  close(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
