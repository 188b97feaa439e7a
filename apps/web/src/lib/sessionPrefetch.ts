/**
 * Issue #12: the first `GET /api/sessions/:id` of a session page, asked for by the preload
 * script of index.html (`firstLoadPreload.ts`) while the app's scripts still download, so
 * its round trip overlaps them. The script leaves, under this name on `window`, a function
 * that hands its response over once, to the caller asking for that same path with that
 * same token; the token stays inside the script, sent only in that one request's header.
 */
export const SESSION_PREFETCH_GLOBAL = '__roundtableSessionPrefetch';

type TakePrefetched = (path: string, token: string) => Promise<Response> | null;

/**
 * The prefetched response for `path` with `token`, once; null when there is none (no
 * credentials stored, another page, already taken, or the script has not run yet, in which
 * case it will not ask any more: the app has asked itself).
 */
export function takePrefetchedResponse(path: string, token: string): Promise<Response> | null {
  if (typeof window === 'undefined') return null;
  const slot = window as unknown as Record<string, unknown>;
  const take = slot[SESSION_PREFETCH_GLOBAL];
  if (typeof take !== 'function') {
    slot[SESSION_PREFETCH_GLOBAL] = null;
    return null;
  }
  return (take as TakePrefetched)(path, token);
}

/**
 * Issue #12: the socket.io WebSocket the same preload script opens on a session page with
 * stored credentials, taken over once by the app's first socket.io connection
 * (src/lib/earlySocket.ts). The function under this name returns it with the messages it
 * received meanwhile (its pings answered), or null.
 */
export const SOCKET_PREFETCH_GLOBAL = '__roundtableSocketPrefetch';

/** How long the preload script keeps its socket for the app before closing it. */
export const SOCKET_PREFETCH_TTL_MS = 30_000;
