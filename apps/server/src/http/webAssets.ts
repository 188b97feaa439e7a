import { readdirSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { RequestHandler } from 'express';

/**
 * Vite puts a content hash in every file name under assets/: a new build gives new names, so a
 * browser may keep them for a year without asking again. index.html names them, so it must
 * always be revalidated.
 */
const HASHED_DIR = 'assets/';
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
export const REVALIDATE_CACHE = 'no-cache';
/** Files outside assets/ (favicon and the like) have stable names: an hour, as before. */
const UNHASHED_CACHE = 'public, max-age=3600';

/** Sibling files the web build writes beside each compressible file (`vite.config.ts`). */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
type Encoding = (typeof ENCODINGS)[number]['name'];

interface WebFile {
  absolute: string;
  /** The precompressed siblings that exist, by encoding. */
  encoded: Partial<Record<Encoding, string>>;
  cacheControl: string;
}

/**
 * Serves the built web app from `dist`: the precompressed `.br` or `.gz` sibling when the
 * client accepts it (brotli first: ~15 % smaller than gzip on our bundles), with
 * `Content-Encoding` and `Vary: Accept-Encoding`; the identity file otherwise. The file list is
 * read once at start: the build does not change under a running server, and no request path
 * ever reaches the file system, so `..` and encoded tricks find nothing.
 *
 * `index()` answers the single-page-app fallback with index.html, revalidated on each load.
 */
export function webAssets(dist: string): { files: RequestHandler; index: RequestHandler } {
  const table = scan(dist);
  const serve =
    (pick: (path: string) => WebFile | undefined): RequestHandler =>
    (req, res, next) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      const file = pick(req.path);
      if (!file) return next();
      const accepted = ENCODINGS.filter((e) => file.encoded[e.name]).map((e) => e.name);
      const encoding = preferredEncoding(req.headers['accept-encoding'], accepted);
      if (accepted.length > 0) res.vary('Accept-Encoding');
      res.type(extname(file.absolute));
      if (encoding) res.setHeader('Content-Encoding', encoding);
      res.setHeader('Cache-Control', file.cacheControl);
      res.sendFile(
        encoding ? file.encoded[encoding]! : file.absolute,
        { cacheControl: false, dotfiles: 'allow' },
        (err) => {
          if (err && !res.headersSent) next(err);
        },
      );
    };
  const indexFile = table.get('/index.html');
  return {
    files: serve((path) => (path === '/index.html' ? undefined : table.get(path))),
    index: serve(() => indexFile),
  };
}

function scan(dist: string): Map<string, WebFile> {
  const table = new Map<string, WebFile>();
  const all = new Set(listFiles(dist));
  for (const absolute of all) {
    if (ENCODINGS.some((e) => absolute.endsWith(e.suffix) && all.has(absolute.slice(0, -e.suffix.length)))) continue;
    const path = relative(dist, absolute).split(sep).join('/');
    const encoded: WebFile['encoded'] = {};
    for (const e of ENCODINGS) if (all.has(absolute + e.suffix)) encoded[e.name] = absolute + e.suffix;
    const cacheControl =
      path === 'index.html' ? REVALIDATE_CACHE : path.startsWith(HASHED_DIR) ? IMMUTABLE_CACHE : UNHASHED_CACHE;
    table.set(`/${path}`, { absolute, encoded, cacheControl });
  }
  return table;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

/**
 * The first of `ours` (our order: smallest first) that the Accept-Encoding header allows with
 * q > 0, `*` included. Browsers list gzip before br with equal weights, so the client's order
 * is not a preference worth following.
 */
export function preferredEncoding(header: string | undefined, ours: readonly Encoding[]): Encoding | undefined {
  if (!header) return undefined;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    if (!token) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find((m) => m);
    weights.set(token, q ? Number(q[1]) : 1);
  }
  const star = weights.get('*');
  return ours.find((e) => (weights.get(e) ?? star ?? 0) > 0);
}
