import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/testServer.js';

/** A built web app as `vite build` + the precompress plugin leave it. */
const SCRIPT = `console.log(${JSON.stringify('Roundtable '.repeat(400))});`;
const INDEX = `<!doctype html><html><head><script src="/assets/index-AbC123.js"></script></head><body>${'<p>x</p>'.repeat(200)}</body></html>`;

let dist: string;
let t: TestServer;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'rt-webdist-'));
  mkdirSync(join(dist, 'assets'));
  for (const [name, text] of [
    ['index.html', INDEX],
    ['assets/index-AbC123.js', SCRIPT],
  ] as const) {
    writeFileSync(join(dist, name), text);
    writeFileSync(join(dist, `${name}.br`), brotliCompressSync(text));
    writeFileSync(join(dist, `${name}.gz`), gzipSync(text));
  }
  // A small file the build did not compress, with a stable name.
  writeFileSync(join(dist, 'robots.txt'), 'User-agent: *\n');
  t = await startTestServer({ WEB_DIST: dist });
});
afterAll(async () => {
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

/** Raw GET (fetch would decode the body and hide Content-Encoding). */
function get(
  path: string,
  acceptEncoding?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${t.url}${path}`,
      { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('the built web app over HTTP', () => {
  it('sends brotli to a browser that accepts it, with Vary and the original type', async () => {
    const res = await get('/assets/index-AbC123.js', 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(brotliDecompressSync(res.body).toString()).toBe(SCRIPT);
    expect(Number(res.headers['content-length'])).toBeLessThan(SCRIPT.length / 5);
  });

  it('sends gzip when brotli is not accepted or refused with q=0, identity when nothing is', async () => {
    const gz = await get('/assets/index-AbC123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);
    const refused = await get('/assets/index-AbC123.js', 'br;q=0, gzip;q=0.5');
    expect(refused.headers['content-encoding']).toBe('gzip');
    const plain = await get('/assets/index-AbC123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it('lets browsers keep hashed assets for a year, and revalidates index.html on every load', async () => {
    const asset = await get('/assets/index-AbC123.js', 'br');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const index = await get('/', 'br');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(brotliDecompressSync(index.body).toString()).toBe(INDEX);
    // A deep link is the same app, also compressed and revalidated.
    const deep = await get('/s/abc/r/def', 'gzip');
    expect(deep.headers['content-encoding']).toBe('gzip');
    expect(deep.headers['cache-control']).toBe('no-cache');
    const direct = await get('/index.html', 'gzip');
    expect(direct.headers['cache-control']).toBe('no-cache');
    const stable = await get('/robots.txt', 'br');
    expect(stable.headers['content-encoding']).toBeUndefined();
    expect(stable.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('never serves a compressed sibling by its own name or anything outside the build', async () => {
    for (const path of ['/assets/index-AbC123.js.br', '/assets/../../etc/passwd', '/assets/%2e%2e/%2e%2e/etc/passwd']) {
      const res = await get(path, 'br');
      // The SPA fallback answers: index.html, never the file asked for.
      expect(brotliDecompressSync(res.body).toString()).toBe(INDEX);
    }
    const api = await get('/api/nothing', 'br');
    expect(api.status).toBe(404);
  });
});
