import { SECURITY_HEADERS } from '../http/securityHeaders.js';
import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { participantRoom, SOCKET_EVENT_RATE, sessionAudienceRoom, sessionRoom, type Ack } from '@roundtable/protocol';
import { can, TokenBucket } from '@roundtable/domain';
import type { Admission } from '../auth/Admission.js';
import type { SeenRecorder } from '../people/SeenRecorder.js';
import type { PresenceKeeper } from '../presence/PresenceKeeper.js';
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
    private readonly admission: Admission,
    private readonly handlers: EventHandlers,
    private readonly presence: PresenceKeeper,
    /** Arrivals and departures, for attendance (last seen). */
    private readonly seen: SeenRecorder,
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

  /** Checks the token and that its participant is still in the session; fills socket.data. */
  private async authenticate(socket: RoundtableSocket): Promise<boolean> {
    const admitted = await this.admission.admit((socket.handshake.auth as { token?: unknown } | undefined)?.token);
    if (!admitted) return false;
    const { claims, participant } = admitted;
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
    const { sessionId, participantId } = socket.data;
    this.limitRate(socket);
    const audience = can(socket.data.role, 'manageSession') ? 'facilitators' : 'others';
    // The participant's own room lets a removal disconnect them on every instance.
    await socket.join([
      sessionRoom(sessionId),
      sessionAudienceRoom(sessionId, audience),
      participantRoom(sessionId, participantId),
    ]);
    registerClientEvents(socket, this.handlers, this.log);
    this.seen.record(sessionId, participantId);
    socket.on('disconnect', () => {
      this.presence.leave(sessionId, socket.id);
      this.seen.record(sessionId, participantId);
    });
    try {
      // With the next window the newcomer gets the whole list, the others a delta.
      await this.presence.join(socket);
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
