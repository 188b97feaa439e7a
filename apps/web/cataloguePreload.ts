import type { Plugin } from 'vite';

/** Where the web remembers the reader's choice (`LANGUAGE_STORAGE_KEY` of src/lib/i18n/i18n.ts). */
const LANGUAGE_STORAGE_KEY = 'roundtable.language';
const LANGUAGES = ['fr', 'nl', 'en'] as const;
const FALLBACK = 'fr';
/** The script's own file, emitted once; its content does not depend on the build. */
const SCRIPT_NAME = 'catalogue-preload.js';

/**
 * Chooses the reader's language as i18next will (the stored choice, then the browser's
 * languages, the first one that is ours, French otherwise) and preloads that one catalogue
 * chunk, listed by the build in `<meta name="rt-catalogues">`. A classic async script of its
 * own (the CSP allows only 'self' scripts, no inline one): it runs as soon as it arrives, long
 * before the entry's scripts, so the catalogue downloads beside them instead of one round
 * trip after them.
 */
const SCRIPT = `(function () {
  try {
    var meta = document.querySelector('meta[name="rt-catalogues"]');
    if (!meta) return;
    var chunks = JSON.parse(meta.getAttribute('content'));
    var wanted = [];
    try { wanted.push(localStorage.getItem(${JSON.stringify(LANGUAGE_STORAGE_KEY)})); } catch (e) {}
    wanted = wanted.concat(navigator.languages || [navigator.language]);
    var lng = ${JSON.stringify(FALLBACK)};
    for (var i = 0; i < wanted.length; i++) {
      var base = String(wanted[i] || '').slice(0, 2).toLowerCase();
      if (${JSON.stringify(LANGUAGES)}.indexOf(base) >= 0) { lng = base; break; }
    }
    if (!chunks[lng]) return;
    var link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = chunks[lng];
    document.head.appendChild(link);
  } catch (e) {}
})();
`;

/** Issue #12: only the reader's catalogue on the first load, without an extra round trip. */
export function cataloguePreload(): Plugin {
  return {
    name: 'roundtable-catalogue-preload',
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
          throw new Error(`catalogue preload: no chunk for ${missing.join(', ') || SCRIPT_NAME}`);
        }
        return [
          { tag: 'meta', attrs: { name: 'rt-catalogues', content: JSON.stringify(chunks) }, injectTo: 'head-prepend' },
          { tag: 'script', attrs: { src: script, async: true }, injectTo: 'head-prepend' },
        ];
      },
    },
  };
}
