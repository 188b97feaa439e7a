import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  PRESENCE_HEARTBEAT_MS,
  sessionRoom,
  type Ack,
  type ClientToServerEvents,
  type PresenceParticipant,
  type PresenceUpdated,
  type RecommendationDto,
  type ServerToClientEvents,
  type SocketData,
} from '@roundtable/protocol';
import type { TokenService } from '../auth/tokens.js';
import type { SessionEvents } from '../http/deps.js';
import type { PresenceStore } from '../presence/PresenceStore.js';

type GatewayServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

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
export class SocketGateway implements SessionEvents {
  readonly io: GatewayServer;
  private readonly heartbeat: NodeJS.Timeout;
  /** Last presence list sent per session, to broadcast only changes (expiry sweep). */
  private readonly lastSent = new Map<string, string>();

  constructor(
    private readonly tokens: TokenService,
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
      const claims = this.tokens.verify((socket.handshake.auth as { token?: unknown } | undefined)?.token);
      if (!claims) {
        next(new Error('unauthorized'));
        return;
      }
      socket.data = {
        sessionId: claims.sessionId,
        participantId: claims.participantId,
        role: claims.role,
        name: claims.name,
      };
      next();
    });
    this.io.on('connection', (socket) => void this.onConnection(socket));
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

  private async onConnection(socket: GatewaySocket): Promise<void> {
    const { sessionId, participantId, name, role } = socket.data;
    await socket.join(sessionRoom(sessionId));
    socket.on('presence:list', (payload, ack) => void this.onPresenceList(socket, payload, ack));
    socket.on('disconnect', () => {
      void this.presence
        .leave(sessionId, socket.id)
        .then(() => this.broadcastPresence(sessionId))
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
      await this.broadcastPresence(sessionId);
    } catch (err) {
      this.log.warn({ err }, 'presence join failed');
    }
  }

  private async onPresenceList(socket: GatewaySocket, payload: unknown, ack: unknown): Promise<void> {
    if (typeof ack !== 'function') return;
    const reply = ack as (res: Ack<PresenceUpdated>) => void;
    if (!EmptyPayload.safeParse(payload).success) {
      reply({ ok: false, error: { code: 'invalid_request', message: 'presence:list takes no payload' } });
      return;
    }
    const { sessionId } = socket.data;
    reply({ ok: true, sessionId, participants: await this.presence.list(sessionId) });
  }

  /** Sends the session's presence to all its members, on every instance. */
  private async broadcastPresence(sessionId: string, onlyIfChanged = false): Promise<void> {
    const participants: PresenceParticipant[] = await this.presence.list(sessionId);
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
    const bySession = new Map<string, string[]>();
    for (const socket of this.io.of('/').sockets.values()) {
      const list = bySession.get(socket.data.sessionId) ?? [];
      list.push(socket.id);
      bySession.set(socket.data.sessionId, list);
    }
    for (const sessionId of this.lastSent.keys()) {
      if (!bySession.has(sessionId)) this.lastSent.delete(sessionId);
    }
    for (const [sessionId, ids] of bySession) {
      try {
        await this.presence.heartbeat(sessionId, ids);
        await this.broadcastPresence(sessionId, true);
      } catch (err) {
        this.log.warn({ err, sessionId }, 'presence heartbeat failed');
      }
    }
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    // Disconnect our sockets first, so their presence entries are removed cleanly.
    const leaving = [...this.io.of('/').sockets.values()].map((s) =>
      this.presence.leave(s.data.sessionId, s.id).catch(() => undefined),
    );
    this.io.disconnectSockets(true);
    await Promise.all(leaving);
    await new Promise<void>((resolve) => {
      this.io.close(() => resolve());
    });
  }
}
