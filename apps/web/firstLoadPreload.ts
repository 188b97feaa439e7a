import type { Plugin } from 'vite';
import { SESSION_PREFETCH_GLOBAL, SOCKET_PREFETCH_GLOBAL, SOCKET_PREFETCH_TTL_MS } from './src/lib/sessionPrefetch';

/** Where the web remembers the reader's choice (`LANGUAGE_STORAGE_KEY` of src/lib/i18n/i18n.ts). */
const LANGUAGE_STORAGE_KEY = 'roundtable.language';
const LANGUAGES = ['fr', 'nl', 'en'] as const;
const FALLBACK = 'fr';
/** Where a session's credentials are kept (`keyOf` of src/lib/credentials.ts), before its id. */
const CREDENTIALS_KEY_PREFIX = 'roundtable.session.';
/** The script's own file, emitted once; its content does not depend on the build. */
const SCRIPT_NAME = 'first-load.js';

/**
 * A classic async script of its own (the CSP allows only 'self' scripts, no inline one): it
 * runs as soon as it arrives, long before the entry's scripts, and starts what the app would
 * otherwise ask for only once they are all there and run, one round trip later each:
 *  - the reader's catalogue chunk (listed by the build in `<meta name="rt-catalogues">`),
 *    chosen as i18next will (the stored choice, then the browser's languages, the first one
 *    that is ours, French otherwise), as a `modulepreload`;
 *  - on a session page (`/s/:id...`) whose credentials are stored, `GET /api/sessions/:id`
 *    with them, handed over to the app's first request for it (src/lib/sessionPrefetch.ts).
 *    Not if the app has already asked (the global is then null).
 *  - on such a page, the socket.io WebSocket (engine.io's, no credentials in it: the token goes
 *    in socket.io's CONNECT, which the app sends), so that its handshake round trip overlaps
 *    the scripts too; it answers the server's pings and keeps what else arrives for the app
 *    (src/lib/earlySocket.ts), and closes if the app has not taken it within the TTL.
 */
const SCRIPT = `(function () {
  try {
    var meta = document.querySelector('meta[name="rt-catalogues"]');
    var chunks = meta ? JSON.parse(meta.getAttribute('content')) : {};
    var wanted = [];
    try { wanted.push(localStorage.getItem(${JSON.stringify(LANGUAGE_STORAGE_KEY)})); } catch (e) {}
    wanted = wanted.concat(navigator.languages || [navigator.language]);
    var lng = ${JSON.stringify(FALLBACK)};
    for (var i = 0; i < wanted.length; i++) {
      var base = String(wanted[i] || '').slice(0, 2).toLowerCase();
      if (${JSON.stringify(LANGUAGES)}.indexOf(base) >= 0) { lng = base; break; }
    }
    if (chunks[lng]) {
      var link = document.createElement('link');
      link.rel = 'modulepreload';
      link.crossOrigin = '';
      link.href = chunks[lng];
      document.head.appendChild(link);
    }
  } catch (e) {}
  try {
    var name = ${JSON.stringify(SESSION_PREFETCH_GLOBAL)};
    if (window[name] !== undefined) return;
    var page = /^\\/s\\/([^/]+)/.exec(location.pathname);
    if (!page) return;
    var id = decodeURIComponent(page[1]);
    var saved = JSON.parse(localStorage.getItem(${JSON.stringify(CREDENTIALS_KEY_PREFIX)} + id) || 'null');
    if (!saved || saved.sessionId !== id || typeof saved.token !== 'string') return;
    var url = '/api/sessions/' + encodeURIComponent(id);
    var token = saved.token;
    var response = fetch(url, { headers: { Accept: 'application/json', Authorization: 'Bearer ' + token } });
    response.catch(function () {});
    window[name] = function (path, t) {
      if (!response || path !== url || t !== token) return null;
      var taken = response;
      response = null;
      return taken;
    };
  } catch (e) {}
  try {
    var socketName = ${JSON.stringify(SOCKET_PREFETCH_GLOBAL)};
    if (!window[name] || window[socketName] !== undefined || typeof WebSocket !== 'function') return;
    var ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/socket.io/?EIO=4&transport=websocket');
    ws.binaryType = 'arraybuffer';
    var held = [];
    var keep = function (event) {
      // engine.io's ping: answered here until the app takes the socket over.
      if (event.data === '2') { try { ws.send('3'); } catch (e) {} return; }
      held.push(event.data);
    };
    ws.addEventListener('message', keep);
    var expire = setTimeout(function () { if (ws) { ws.close(); ws = null; } }, ${SOCKET_PREFETCH_TTL_MS});
    window[socketName] = function () {
      if (!ws || ws.readyState > 1) return null;
      clearTimeout(expire);
      ws.removeEventListener('message', keep);
      var taken = { socket: ws, messages: held };
      ws = null;
      return taken;
    };
  } catch (e) {}
})();
`;

/** Issue #12: what the first load needs, asked for without waiting for the app's scripts. */
export function firstLoadPreload(): Plugin {
  return {
    name: 'roundtable-first-load-preload',
    apply: 'build',
    buildStart() {
      this.emitFile({ type: 'asset', name: SCRIPT_NAME, source: SCRIPT });
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle ?? {};
        const base = '/';
        const chunks: Record<string, string> = {};
        let script: string | undefined;
        for (const file of Object.values(bundle)) {
          if (file.type === 'chunk') {
            const lng = LANGUAGES.find((l) => file.facadeModuleId?.endsWith(`/packages/i18n/src/${l}.json`));
            if (lng) chunks[lng] = base + file.fileName;
          } else if (file.names.includes(SCRIPT_NAME)) {
            script = base + file.fileName;
          }
        }
        const missing = LANGUAGES.filter((l) => !chunks[l]);
        if (missing.length > 0 || !script) {
          throw new Error(`first-load preload: no chunk for ${missing.join(', ') || SCRIPT_NAME}`);
        }
        return [
          { tag: 'meta', attrs: { name: 'rt-catalogues', content: JSON.stringify(chunks) }, injectTo: 'head-prepend' },
          { tag: 'script', attrs: { src: script, async: true }, injectTo: 'head-prepend' },
        ];
      },
    },
  };
}
