import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { EarlyWebSocketTransport } from './earlySocket';
import type {
  Ack,
  AckBody,
  ClientEventName,
  ClientToServerEvents,
  EventPayload,
  ServerToClientEvents,
} from '@roundtable/protocol/client';

/** The session-control socket (presence, recommendations; later votes and queue). */
export type SessionSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * - `connecting`: first attempt under way;
 * - `connected`;
 * - `disconnected`: the link dropped, socket.io is retrying on its own;
 * - `refused`: the server turned the token down; socket.io does not retry that.
 */
export type SocketStatus = 'connecting' | 'connected' | 'disconnected' | 'refused';

/**
 * When the server itself closes the socket, socket.io does not reconnect. That may be a deploy
 * rather than a refusal, so we try once more after this delay; a bad token then ends in `refused`.
 */
const SERVER_DISCONNECT_RETRY_MS = 2_000;

/**
 * WebSocket only, no HTTP long-polling: drafts need a WebSocket to /yjs anyway, so polling
 * would reach no one more, while it would need sticky sessions once several server instances
 * share the load (socket.io, "Using multiple nodes") and costs an upgrade round trip on poor links.
 * The first connection takes over the WebSocket the first-load script opened (earlySocket.ts).
 */
const TRANSPORTS = [EarlyWebSocketTransport];

/**
 * An attempt to connect that has not succeeded after this long is given up and retried: on a
 * dead path the default 20 s would keep the meeting stale long after the path is back.
 * Roomy for a 400 ms link.
 */
const CONNECT_TIMEOUT_MS = 8_000;

/**
 * Opens one socket.io connection for the session of `token` (same origin; the dev server
 * proxies /socket.io) and closes it on unmount or when the token changes.
 */
export function useSessionSocket(token: string): { socket: SessionSocket | null; status: SocketStatus } {
  const [socket, setSocket] = useState<SessionSocket | null>(null);
  const [status, setStatus] = useState<SocketStatus>('connecting');

  useEffect(() => {
    // Silence needs no timer here: the server's engine.io heartbeat (SOCKET_PING_INTERVAL_MS)
    // makes the client drop a link that brings no ping for SOCKET_PING_INTERVAL_MS +
    // SOCKET_PING_TIMEOUT_MS, and reconnect.
    const s: SessionSocket = io({ auth: { token }, transports: TRANSPORTS, timeout: CONNECT_TIMEOUT_MS });
    let retry: ReturnType<typeof setTimeout> | undefined;

    s.on('connect', () => setStatus('connected'));
    s.on('connect_error', () => setStatus(s.active ? 'disconnected' : 'refused'));
    s.on('disconnect', (reason) => {
      setStatus('disconnected');
      if (reason === 'io server disconnect') retry = setTimeout(() => s.connect(), SERVER_DISCONNECT_RETRY_MS);
    });

    setStatus('connecting');
    setSocket(s);
    return () => {
      clearTimeout(retry);
      s.disconnect();
      setSocket(null);
    };
  }, [token]);

  return { socket, status };
}

/**
 * Listens to one server event while the component is mounted. The latest `handler` is always
 * called, so callers need not memoise it.
 */
export function useSocketEvent<E extends keyof ServerToClientEvents>(
  socket: SessionSocket | null,
  event: E,
  handler: ServerToClientEvents[E],
): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });

  useEffect(() => {
    if (!socket) return;
    const listener = ((...args: Parameters<ServerToClientEvents[E]>) =>
      (latest.current as (...a: Parameters<ServerToClientEvents[E]>) => void)(...args)) as ServerToClientEvents[E];
    // socket.io's typings cannot follow a generic event name through on/off.
    const emitter = socket as unknown as {
      on(ev: E, fn: ServerToClientEvents[E]): void;
      off(ev: E, fn: ServerToClientEvents[E]): void;
    };
    emitter.on(event, listener);
    return () => emitter.off(event, listener);
  }, [socket, event]);
}

/** How long an acknowledged event waits for the server's answer before it counts as failed. */
export const ACK_TIMEOUT_MS = 10_000;

/** The acknowledgement the server sends for a client event (from protocol's CLIENT_EVENTS). */
export type AckOf<E extends ClientEventName> = Ack<AckBody<E>>;

/**
 * Emits an acknowledged event and resolves with the server's ack. Without a live connection
 * it fails at once with `unavailable` rather than letting socket.io buffer the event: a
 * buffered ballot could be stored long after the person was told it failed.
 */
export async function emitWithAck<E extends ClientEventName>(
  socket: SessionSocket | null,
  event: E,
  payload: EventPayload<E>,
): Promise<AckOf<E>> {
  const unavailable = { ok: false, error: { code: 'unavailable', message: 'no answer from the server' } } as const;
  if (!socket?.connected) return unavailable;
  // socket.io's typings cannot follow a generic event name through timeout().emitWithAck.
  const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as {
    emitWithAck(ev: E, payload: unknown): Promise<AckOf<E>>;
  };
  try {
    return await timed.emitWithAck(event, payload);
  } catch {
    return unavailable;
  }
}
