import { createServer, type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * How long a connection may take to send its request headers, from its first byte or from
 * the previous response on a kept-alive connection: a browser sends them at once; a
 * slowloris client trickling them out is cut off.
 */
export const HEADERS_TIMEOUT_MS = 10_000;
/** Whole request, body included (a REST body is at most 64 KiB). */
export const REQUEST_TIMEOUT_MS = 30_000;
/** An idle kept-alive connection between two requests (Node's default, made explicit). */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/**
 * A connection that has sent no request at all this long after it opened is closed: before
 * this, a client could hold thousands of silent sockets open for ever.
 */
export const FIRST_REQUEST_TIMEOUT_MS = 10_000;
/**
 * Any HTTP socket silent this long is closed. Above socket.io's long-polling wait
 * (pingInterval 25 s) so a polling client is never cut; websockets (Yjs, socket.io) are
 * exempt: ws clears the socket timeout on upgrade, and they have pings of their own.
 */
export const IDLE_SOCKET_TIMEOUT_MS = 60_000;
/** How often Node checks the headers and request timeouts of open connections. */
const CONNECTIONS_CHECK_MS = 1_000;

/** An http server whose connections cannot stay idle or half-sent for long. */
export function createTimedHttpServer(app: RequestListener, firstRequestTimeoutMs = FIRST_REQUEST_TIMEOUT_MS): Server {
  const server = createServer(
    {
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      connectionsCheckingInterval: CONNECTIONS_CHECK_MS,
    },
    app,
  );
  server.setTimeout(IDLE_SOCKET_TIMEOUT_MS);
  // Node's headers timeout starts with the first byte: a socket that never sends one is
  // closed here. (Read from the socket itself: socket.io takes its requests before any
  // 'request' listener of ours would see them.)
  server.on('connection', (socket: Socket) => {
    const timer = setTimeout(() => {
      if (socket.bytesRead === 0) socket.destroy();
    }, firstRequestTimeoutMs);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  });
  return server;
}
