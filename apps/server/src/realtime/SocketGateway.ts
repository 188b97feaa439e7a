import { SECURITY_HEADERS } from '../http/securityHeaders.js';
import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { SOCKET_EVENT_RATE, sessionAudienceRoom, sessionRoom, type Ack } from '@roundtable/protocol';
import { can, TokenBucket } from '@roundtable/domain';
import type { TokenService } from '../auth/tokens.js';
import type { PresenceKeeper } from '../presence/PresenceKeeper.js';
import type { Storage } from '../storage/Storage.js';
import { registerClientEvents, type EventHandlers } from './clientEvents.js';
import type { RoundtableIo, RoundtableSocket } from './socketServer.js';

export { MAX_SOCKET_MESSAGE_BYTES } from './socketServer.js';

/**
 * The typed socket.io gateway, transport only: checks tokens on connect, puts each
 * socket in its audience rooms, registers one handler per client event (CLIENT_EVENTS)
 * and tells the presence keeper of arrivals and departures. Emitting is the Broadcaster's.
 */
export class SocketGateway {
  constructor(
    private readonly io: RoundtableIo,
    private readonly tokens: TokenService,
    private readonly storage: Storage,
    private readonly handlers: EventHandlers,
    private readonly presence: PresenceKeeper,
    private readonly log: Logger,
  ) {
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
  }

  /**
   * Attaches to the http server. Call after the server has its request handler:
   * socket.io then wraps it and keeps /socket.io/ requests for itself.
   */
  attach(httpServer: HttpServer): void {
    this.io.attach(httpServer);
    // Long-polling responses come from engine.io, not express: they get the same headers.
    this.io.engine.on('headers', (headers: Record<string, string>) => Object.assign(headers, SECURITY_HEADERS));
  }

  /**
   * Refuses events over SOCKET_EVENT_RATE with `rate_limited` in their ack, and
   * disconnects a connection that keeps flooding: the others see nothing of it.
   */
  private limitRate(socket: RoundtableSocket): void {
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
        (ack as (res: Ack) => void)({
          ok: false,
          error: { code: 'rate_limited', message: 'too many messages; slow down' },
        });
      }
    });
  }

  /** Checks the token and that its participant still exists; fills socket.data. */
  private async authenticate(socket: RoundtableSocket): Promise<boolean> {
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

  private async onConnection(socket: RoundtableSocket): Promise<void> {
    const { sessionId } = socket.data;
    this.limitRate(socket);
    const audience = can(socket.data.role, 'manageSession') ? 'facilitators' : 'others';
    await socket.join([sessionRoom(sessionId), sessionAudienceRoom(sessionId, audience)]);
    registerClientEvents(socket, this.handlers, this.log);
    socket.on('disconnect', () => this.presence.leave(sessionId, socket.id));
    try {
      // The newcomer gets the list at once; the others with the next coalesced broadcast.
      socket.emit('presence:updated', { sessionId, participants: await this.presence.join(socket) });
    } catch (err) {
      this.log.warn({ err }, 'presence join failed');
    }
  }

  async close(): Promise<void> {
    this.presence.close();
    // Disconnect our sockets first, so their presence entries are removed cleanly.
    const leaving = [...this.io.of('/').sockets.values()].map((s) =>
      this.presence.remove(s.data.sessionId, s.id).catch(() => undefined),
    );
    // Only ours: io.disconnectSockets would reach every instance through the adapter.
    this.io.local.disconnectSockets(true);
    await Promise.all(leaving);
    await new Promise<void>((resolve) => {
      this.io.close(() => resolve());
    });
  }
}
