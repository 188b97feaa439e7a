import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  PRESENCE_HEARTBEAT_MS,
  SOCKET_EVENT_RATE,
  sessionAudienceRoom,
  sessionRoom,
  type Ack,
  type ClientToServerEvents,
  type PresenceParticipant,
  type PresenceUpdated,
  type RecommendationDto,
  type ServerToClientEvents,
  type SocketData,
  type VoteUpdated,
  FACILITATION_EVENT_NAMES,
  type MeetingState,
} from '@roundtable/protocol';
import { can, TokenBucket } from '@roundtable/domain';
import type { TokenService } from '../auth/tokens.js';
import type { SessionEvents } from '../http/deps.js';
import type { PresenceStore } from '../presence/PresenceStore.js';
import type { Storage } from '../storage/Storage.js';
import type { VoteEvents, VoteService } from '../votes/VoteService.js';
import type { FacilitationEvents, FacilitationService } from '../facilitation/FacilitationService.js';
import { ackHandler } from './ackHandler.js';

type GatewayServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * Presence changes of one session are broadcast at most this often: when a venue
 * joins at once, N joins make a handful of broadcasts, not N lists sent to N people.
 */
export const PRESENCE_BROADCAST_THROTTLE_MS = 250;

/** Largest socket.io message accepted; session control messages are small. */
export const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024;

const EmptyPayload = z.union([z.undefined(), z.null(), z.strictObject({})]);

export interface GatewayOptions {
  instanceId: string;
  /** socket.io adapter (the Redis adapter when REDIS_URL is set). */
  adapter?: Parameters<GatewayServer['adapter']>[0];
}

/**
 * The typed socket.io gateway: checks tokens on connect, keeps presence, and
 * relays session events. Handlers parse their payload with zod first.
 */
/** Inter-instance event: a session's facilitation state changed (socket.io serverSideEmit). */
const MEETING_CHANGED = 'meeting:changed';

export class SocketGateway implements SessionEvents, VoteEvents, FacilitationEvents {
  readonly io: GatewayServer;
  private readonly heartbeat: NodeJS.Timeout;
  /** Last presence list sent per session, to broadcast only changes (expiry sweep). */
  private readonly lastSent = new Map<string, string>();
  private readonly presenceTimers = new Map<string, NodeJS.Timeout>();
  private refreshing = false;

  constructor(
    private readonly tokens: TokenService,
    private readonly storage: Storage,
    private readonly votes: VoteService,
    private readonly facilitation: FacilitationService,
    private readonly presence: PresenceStore,
    private readonly log: Logger,
    private readonly options: GatewayOptions,
  ) {
    this.io = new Server({
      maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
      // Other upgrade paths (/yjs/…) belong to the Yjs endpoint: do not destroy them.
      destroyUpgrade: false,
      serveClient: false,
    });
    if (options.adapter) this.io.adapter(options.adapter);
    this.io.use((socket, next) => {
      void this.authenticate(socket).then(
        (ok) => next(ok ? undefined : new Error('unauthorized')),
        (err: unknown) => {
          this.log.warn({ err }, 'socket authentication failed');
          next(new Error('unavailable'));
        },
      );
    });
    this.io.on('connection', (socket) => void this.onConnection(socket));
    // Another instance changed a session's meeting state: refresh what we cache of it.
    this.io.on(MEETING_CHANGED as never, (sessionId: unknown) => {
      if (typeof sessionId === 'string') {
        this.facilitation.refresh(sessionId).catch((err: unknown) => this.log.warn({ err }, 'meeting refresh failed'));
      }
    });
    this.heartbeat = setInterval(() => void this.refreshPresence(), PRESENCE_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /**
   * Attaches to the http server. Call after the server has its request handler:
   * socket.io then wraps it and keeps /socket.io/ requests for itself.
   */
  attach(httpServer: HttpServer): void {
    this.io.attach(httpServer);
  }

  recommendationCreated(sessionId: string, recommendation: RecommendationDto): void {
    this.io.to(sessionRoom(sessionId)).emit('recommendation:created', { recommendation });
  }

  meetingUpdated(sessionId: string, forFacilitators: MeetingState, forOthers: MeetingState): void {
    this.io.to(sessionAudienceRoom(sessionId, 'facilitators')).emit('meeting:updated', forFacilitators);
    this.io.to(sessionAudienceRoom(sessionId, 'others')).emit('meeting:updated', forOthers);
  }

  announceChange(sessionId: string): void {
    // With one instance (no adapter across processes) there is nobody to tell.
    if (this.options.adapter) this.io.serverSideEmit(MEETING_CHANGED as never, sessionId as never);
  }

  recommendationUpdated(sessionId: string, recommendation: RecommendationDto): void {
    this.io.to(sessionRoom(sessionId)).emit('recommendation:updated', { recommendation });
  }

  voteUpdated(sessionId: string, forFacilitators: VoteUpdated, forOthers: VoteUpdated): void {
    this.io.to(sessionAudienceRoom(sessionId, 'facilitators')).emit('vote:updated', forFacilitators);
    this.io.to(sessionAudienceRoom(sessionId, 'others')).emit('vote:updated', forOthers);
  }

  /**
   * Refuses events over SOCKET_EVENT_RATE with `rate_limited` in their ack, and
   * disconnects a connection that keeps flooding: the others see nothing of it.
   */
  private limitRate(socket: GatewaySocket): void {
    const bucket = new TokenBucket(SOCKET_EVENT_RATE.burst, SOCKET_EVENT_RATE.perSecond, Date.now());
    socket.use((packet, next) => {
      if (bucket.take(Date.now())) {
        next();
        return;
      }
      if (bucket.flooding) {
        this.log.warn({ participantId: socket.data.participantId }, 'disconnecting a flooding socket');
        socket.disconnect(true);
        return;
      }
      const ack = packet.at(-1);
      if (typeof ack === 'function') {
        (ack as (res: Ack) => void)({ ok: false, error: { code: 'rate_limited', message: 'too many messages; slow down' } });
      }
    });
  }

  /** Checks the token and that its participant still exists; fills socket.data. */
  private async authenticate(socket: GatewaySocket): Promise<boolean> {
    const claims = this.tokens.verify((socket.handshake.auth as { token?: unknown } | undefined)?.token);
    if (!claims) return false;
    const participant = await this.storage.getParticipant(claims.sessionId, claims.participantId);
    if (!participant) return false;
    socket.data = {
      sessionId: claims.sessionId,
      participantId: claims.participantId,
      role: claims.role,
      name: claims.name,
      group: participant.organisationType ?? 'unspecified',
    };
    return true;
  }

  private async onConnection(socket: GatewaySocket): Promise<void> {
    const { sessionId, participantId, name, role } = socket.data;
    this.limitRate(socket);
    const audience = can(role, 'manageSession') ? 'facilitators' : 'others';
    await socket.join([sessionRoom(sessionId), sessionAudienceRoom(sessionId, audience)]);
    socket.on('presence:list', (payload, ack) => void this.onPresenceList(socket, payload, ack));
    const actor = socket.data;
    const log = this.log;
    socket.on('vote:open', ackHandler(log, 'vote:open', async (p) => ({ vote: await this.votes.open(actor, p) })));
    socket.on('vote:cast', ackHandler(log, 'vote:cast', async (p) => (await this.votes.cast(actor, p), {})));
    socket.on('vote:close', ackHandler(log, 'vote:close', async (p) => ({ tally: await this.votes.close(actor, p) })));
    for (const event of FACILITATION_EVENT_NAMES) {
      socket.on(
        event,
        ackHandler(log, event, async (p) => ({ state: await this.facilitation.handle(actor, event, p) })),
      );
    }
    socket.on(
      'recommendation:decide',
      ackHandler(log, 'recommendation:decide', async (p) => ({ recommendation: await this.votes.decide(actor, p) })),
    );
    socket.on('disconnect', () => {
      void this.presence
        .leave(sessionId, socket.id)
        .then(() => this.schedulePresenceBroadcast(sessionId))
        .catch((err: unknown) => this.log.warn({ err }, 'presence leave failed'));
    });
    try {
      await this.presence.join({
        sessionId,
        connectionId: socket.id,
        participantId,
        name,
        role,
        instanceId: this.options.instanceId,
      });
      // The newcomer gets the list at once; the others with the next coalesced broadcast.
      socket.emit('presence:updated', { sessionId, participants: await this.presence.list(sessionId) });
      this.schedulePresenceBroadcast(sessionId);
    } catch (err) {
      this.log.warn({ err }, 'presence join failed');
    }
  }

  private async onPresenceList(socket: GatewaySocket, payload: unknown, ack: unknown): Promise<void> {
    // `emit('presence:list', ack)` with no payload puts the callback first.
    if (typeof payload === 'function' && ack === undefined) [payload, ack] = [undefined, payload];
    if (typeof ack !== 'function') return;
    const reply = ack as (res: Ack<PresenceUpdated>) => void;
    if (!EmptyPayload.safeParse(payload).success) {
      reply({ ok: false, error: { code: 'invalid_request', message: 'presence:list takes no payload' } });
      return;
    }
    const { sessionId } = socket.data;
    try {
      reply({ ok: true, sessionId, participants: await this.presence.list(sessionId) });
    } catch (err) {
      // Redis went away mid-read: refuse in the ack; unhandled, it would end the process
      // (found by test/faults.test.ts, Redis restart).
      this.log.warn({ err }, 'presence list failed');
      reply({ ok: false, error: { code: 'unavailable', message: 'presence is unavailable; try again' } });
    }
  }

  private schedulePresenceBroadcast(sessionId: string): void {
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
    this.io.to(sessionRoom(sessionId)).emit('presence:updated', { sessionId, participants });
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
      const bySession = new Map<string, GatewaySocket[]>();
      for (const socket of this.io.of('/').sockets.values()) {
        const list = bySession.get(socket.data.sessionId) ?? [];
        list.push(socket);
        bySession.set(socket.data.sessionId, list);
      }
      for (const sessionId of this.lastSent.keys()) {
        if (!bySession.has(sessionId)) this.lastSent.delete(sessionId);
      }
      for (const [sessionId, sockets] of bySession) {
        try {
          await this.presence.heartbeat(sessionId, sockets.map((s) => s.id));
          let listed = await this.presence.list(sessionId);
          if (await this.rejoinMissing(sessionId, sockets, listed)) listed = await this.presence.list(sessionId);
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
    sockets: GatewaySocket[],
    listed: PresenceParticipant[],
  ): Promise<boolean> {
    const present = new Set(listed.map((p) => p.id));
    // `connected` is read just before each join is sent, so a disconnect's leave follows our
    // join; were it to overtake it, the entry would linger one ttl, within api-v1's 30 s.
    // A participant listed through another connection is not missing: if that one leaves,
    // the next heartbeat joins this one again.
    const missing = sockets.filter((s) => !present.has(s.data.participantId));
    let joined = false;
    for (const socket of missing) {
      if (!socket.connected) continue;
      const { participantId, name, role } = socket.data;
      const instanceId = this.options.instanceId;
      await this.presence.join({ sessionId, connectionId: socket.id, participantId, name, role, instanceId });
      joined = true;
    }
    return joined;
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const t of this.presenceTimers.values()) clearTimeout(t);
    this.presenceTimers.clear();
    // Disconnect our sockets first, so their presence entries are removed cleanly.
    const leaving = [...this.io.of('/').sockets.values()].map((s) =>
      this.presence.leave(s.data.sessionId, s.id).catch(() => undefined),
    );
    // Only ours: io.disconnectSockets would reach every instance through the adapter.
    this.io.local.disconnectSockets(true);
    await Promise.all(leaving);
    await new Promise<void>((resolve) => {
      this.io.close(() => resolve());
    });
  }
}
