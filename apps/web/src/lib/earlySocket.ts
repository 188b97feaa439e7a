import { WebSocket as WebSocketTransport } from 'engine.io-client';
import { SOCKET_PREFETCH_GLOBAL } from './sessionPrefetch';

interface PrefetchedSocket {
  socket: WebSocket;
  /** What the socket received before it was taken (engine.io's open packet first). */
  messages: unknown[];
}

type TakePrefetchedSocket = () => PrefetchedSocket | null;

/** The engine.io URL the preload script opens: this origin, no query beyond these two. */
function isPrefetchedUrl(uri: string): boolean {
  const url = new URL(uri, window.location.href);
  const params = [...url.searchParams.keys()].sort().join(',');
  return (
    url.host === window.location.host &&
    url.pathname === '/socket.io/' &&
    params === 'EIO,transport' &&
    url.searchParams.get('EIO') === '4' &&
    url.searchParams.get('transport') === 'websocket'
  );
}

/**
 * The preload script's socket for `uri`, once; null when there is none (another page, no
 * credentials, already taken, closed, or the script has not run: then it will not open one).
 */
function takePrefetchedSocket(uri: string): PrefetchedSocket | null {
  const slot = window as unknown as Record<string, unknown>;
  const take = slot[SOCKET_PREFETCH_GLOBAL];
  slot[SOCKET_PREFETCH_GLOBAL] = null;
  if (typeof take !== 'function' || !isPrefetchedUrl(uri)) return null;
  return (take as TakePrefetchedSocket)();
}

/**
 * engine.io's WebSocket transport, which on its first connection takes over the socket the
 * preload script opened (firstLoadPreload.ts) instead of opening one once the app has run:
 * on a 400 ms link that is the WebSocket handshake's round trip out of the follow-along
 * page's critical path. The socket is handed over as engine.io would have opened it: its
 * open event (if it has opened) and the messages it received are replayed, in order, once
 * the transport's listeners are on. Every later connection (a reconnection) opens its own.
 */
export class EarlyWebSocketTransport extends WebSocketTransport {
  private replay: (() => void) | null = null;

  // biome-ignore lint/suspicious/noExplicitAny: engine.io's own signature (the socket it returns is untyped)
  override createSocket(uri: string, protocols: string | string[] | undefined, opts: Record<string, any>): any {
    const early = takePrefetchedSocket(uri);
    if (!early) return super.createSocket(uri, protocols, opts);
    const { socket, messages } = early;
    this.replay = () => {
      if (socket.readyState !== WebSocket.OPEN) return; // its own open event is still to come
      socket.onopen?.(new Event('open'));
      for (const data of messages) socket.onmessage?.(new MessageEvent('message', { data }));
    };
    return socket;
  }

  /**
   * engine.io's doOpen creates the socket and puts the transport's listeners on it; the
   * engine puts its own on the transport only after `open()` returns, so the replay waits
   * for a microtask: still before any event the socket receives later, which is a task.
   */
  override doOpen(): this {
    const opened = super.doOpen();
    const replay = this.replay;
    this.replay = null;
    if (replay) queueMicrotask(replay);
    return opened;
  }
}
