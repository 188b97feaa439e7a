import { z } from 'zod';

/*
 * Imported first by the package index, before any schema is built. In a browser, the web app
 * runs under the server's CSP (script-src 'self', no 'unsafe-eval'), where zod, building its
 * first object schema, probes `Function('')` to compile parsers: refused, it falls back to
 * plain parsing anyway, but each probe is a reported CSP violation. Jitless from the start, it
 * never probes. The server has no CSP to respect and keeps compiled parsers.
 */
if (typeof document !== 'undefined') z.config({ jitless: true });
