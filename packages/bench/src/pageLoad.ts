import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateSessionResponse, JoinResponse, RecommendationResponse } from '@roundtable/protocol';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT, startRoundtable, type RunningServer } from './servers.js';

/** The web build the server serves (`pnpm --filter @roundtable/web build`). */
const WEB_DIST = join(REPO_ROOT, 'apps', 'web', 'dist');
const CHROMIUM = process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium';

/**
 * The link of issue #12: a phone at the back of a venue, 400 kbit/s both ways and 400 ms of
 * round trip. Chromium applies it to every request of the page (CDP network emulation).
 */
export const POOR_LINK = { downloadKbps: 400, uploadKbps: 400, latencyMs: 400 } as const;
/** Issue #12's target for the follow-along page on that link. */
export const FOLLOW_TARGET_MS = 5_000;
/** One page that is not usable after this fails its case instead of hanging the run. */
const PAGE_TIMEOUT_MS = 60_000;

/**
 * When every one of `selectors` is on screen (laid out, not hidden), the last containing
 * `text` if given: from the navigation's start, as the page's own clock counts it, checked
 * at every animation frame in the page. (A locator's waitFor polls ever more slowly, up to
 * every 500 ms, so it reported the moment it noticed, up to half a second late.)
 */
async function appeared(tab: Page, selectors: string[], text?: string): Promise<number> {
  const handle = await tab.waitForFunction(
    ({ selectors, text }) => {
      const shown = selectors.map((s) => document.querySelector(s));
      if (!shown.every((el) => el instanceof HTMLElement && el.getClientRects().length > 0)) return false;
      if (text !== undefined && !shown.at(-1)!.textContent?.includes(text)) return false;
      return performance.now();
    },
    { selectors, text },
    { polling: 'raf', timeout: PAGE_TIMEOUT_MS },
  );
  return (await handle.jsonValue()) as number;
}

export type BuildVariant = 'uncompressed' | 'precompressed';

export interface PageLoadRecord {
  page: 'follow' | 'draft';
  variant: BuildVariant;
  status: 'ok' | 'error';
  /** Navigation start to the page's content on screen (title and "now in the meeting", or the editor). */
  contentMs?: number;
  /** Draft only: navigation start to its stored text on screen (read-only, before the editor). */
  textMs?: number;
  /** Navigation start to the page being usable and live (see `measurePage`). */
  usableMs?: number;
  /** Bytes received over the network, headers included (CDP's encodedDataLength). */
  transferredBytes?: number;
  requests?: number;
  /** The Content-Encoding of the largest script, to show what the browser was given. */
  scriptEncoding?: string;
  error?: string;
}

/**
 * Scenario 6 (issue #12): a cold first load (empty cache, fresh browser context) of
 *  - the follow-along page `/s/:id` of an observer: usable once the session title and "now in
 *    the meeting" are shown and the live updates are connected;
 *  - a draft `/s/:id/r/:recId` of a participant: usable once the editor accepts typing;
 * on the production build, once with the build's `.br`/`.gz` siblings removed ("before") and
 * once as built ("after"), in the same run, against the same server code.
 */
export async function runPageLoad(log: (line: string) => void): Promise<PageLoadRecord[]> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(`${WEB_DIST} is missing: build the web app first (pnpm --filter @roundtable/web build)`);
  }
  const records: PageLoadRecord[] = [];
  const plain = mkdtempSync(join(tmpdir(), 'rt-bench-web-'));
  cpSync(WEB_DIST, plain, { recursive: true, filter: (src) => !/\.(br|gz)$/.test(src) });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  });
  try {
    for (const [variant, webDist] of [
      ['uncompressed', plain],
      ['precompressed', WEB_DIST],
    ] as const) {
      const server = await startRoundtable({ env: { WEB_DIST: webDist } });
      try {
        const setup = await prepare(server.httpUrl);
        for (const page of ['follow', 'draft'] as const) {
          const record = await measurePage(browser, server, setup, page, variant).catch(
            (err: unknown): PageLoadRecord => ({
              page,
              variant,
              status: 'error',
              error: err instanceof Error ? err.message : String(err),
            }),
          );
          log(
            `[load] ${page} ${variant}: ${record.status === 'ok' ? `${record.textMs !== undefined ? `text ${(record.textMs / 1000).toFixed(2)} s, ` : ''}content ${(record.contentMs! / 1000).toFixed(2)} s, live ${(record.usableMs! / 1000).toFixed(2)} s, ${(record.transferredBytes! / 1024).toFixed(0)} KiB in ${record.requests} requests (${record.scriptEncoding})` : record.error}`,
          );
          records.push(record);
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    await browser.close();
    rmSync(plain, { recursive: true, force: true });
  }
  return records;
}

interface Setup {
  sessionId: string;
  recId: string;
  observer: JoinResponse;
  participant: JoinResponse;
}

async function post<T>(base: string, path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path} -> ${res.status}`);
  return (await res.json()) as T;
}

async function prepare(base: string): Promise<Setup> {
  const created = await post<CreateSessionResponse>(base, '/api/sessions', {
    title: 'Bench: first load on a poor link',
    kind: 'round_table',
    themes: ['housing'],
  });
  const facilitator = await post<JoinResponse>(base, '/api/join', { code: created.codes.facilitator, name: 'Fac' });
  const rec = await post<RecommendationResponse>(
    base,
    `/api/sessions/${created.session.id}/recommendations`,
    { title: 'Bench draft' },
    facilitator.token,
  );
  return {
    sessionId: created.session.id,
    recId: rec.recommendation.id,
    observer: await post<JoinResponse>(base, '/api/join', { code: created.codes.observer, name: 'Observer' }),
    participant: await post<JoinResponse>(base, '/api/join', { code: created.codes.participant, name: 'Writer' }),
  };
}

async function measurePage(
  browser: Browser,
  server: RunningServer,
  setup: Setup,
  page: 'follow' | 'draft',
  variant: BuildVariant,
): Promise<PageLoadRecord> {
  const joined = page === 'follow' ? setup.observer : setup.participant;
  // A fresh context: empty HTTP cache, as on the first visit; the credentials are there as
  // after joining (the join page is the same bundle).
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-BE' });
  try {
    await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [
      `roundtable.session.${setup.sessionId}`,
      JSON.stringify({ sessionId: joined.sessionId, token: joined.token, participant: joined.participant }),
    ] as const);
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: POOR_LINK.latencyMs,
      downloadThroughput: (POOR_LINK.downloadKbps * 1000) / 8,
      uploadThroughput: (POOR_LINK.uploadKbps * 1000) / 8,
    });
    let transferred = 0;
    let requests = 0;
    let biggestScript = { bytes: 0, encoding: 'none' };
    const encodings = new Map<string, string>();
    /** BENCH_LOAD_TRACE=1 prints a waterfall: which request ended when, to see what a load waits for. */
    const trace = process.env.BENCH_LOAD_TRACE === '1';
    const started = new Map<string, { url: string; at: number }>();
    const t0 = Date.now();
    if (trace) {
      cdp.on('Network.requestWillBeSent', (e) => started.set(e.requestId, { url: e.request.url, at: Date.now() - t0 }));
      cdp.on('Network.webSocketCreated', (e) =>
        process.stderr.write(`  ${Date.now() - t0} ms ws ${e.url.slice(0, 90)}\n`),
      );
    }
    cdp.on('Network.responseReceived', (e) => {
      const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
      encodings.set(e.requestId, `${e.type === 'Script' ? 'script:' : ''}${headers['content-encoding'] ?? 'identity'}`);
    });
    cdp.on('Network.loadingFinished', (e) => {
      transferred += e.encodedDataLength;
      requests++;
      const request = started.get(e.requestId);
      if (trace && request) {
        process.stderr.write(
          `  ${request.at}-${Date.now() - t0} ms ${(e.encodedDataLength / 1024).toFixed(1)} KiB ${request.url.replace(server.httpUrl, '').slice(0, 80)}\n`,
        );
      }
      const encoding = encodings.get(e.requestId);
      if (encoding?.startsWith('script:') && e.encodedDataLength > biggestScript.bytes) {
        biggestScript = { bytes: e.encodedDataLength, encoding: encoding.slice('script:'.length) };
      }
    });
    let contentMs = 0;
    let usableMs = 0;
    let textMs: number | undefined;
    const path = page === 'follow' ? `/s/${setup.sessionId}` : `/s/${setup.sessionId}/r/${setup.recId}`;
    await tab.goto(`${server.httpUrl}${path}`, { waitUntil: 'commit', timeout: PAGE_TIMEOUT_MS });
    if (page === 'follow') {
      contentMs = await appeared(tab, ['[data-testid="session-title"]', '[data-testid="meeting-now"]']);
      // Live: the presence list comes over the socket, and lists this observer once it is up.
      usableMs = await appeared(tab, ['[data-testid="presence-list"]'], 'Observer');
    } else {
      // The text first (read-only while the editor downloads), then the editor.
      textMs = await appeared(tab, ['[data-testid="draft-preview"][data-loaded="true"], [data-testid="editor"]']);
      contentMs = await appeared(tab, ['[data-testid="editor"][contenteditable="true"]']);
      usableMs = await appeared(tab, ['[data-testid="connection-state"][data-state="connected"]']);
    }
    return {
      page,
      variant,
      status: 'ok',
      contentMs,
      ...(textMs !== undefined ? { textMs } : {}),
      usableMs,
      transferredBytes: transferred,
      requests,
      scriptEncoding: biggestScript.encoding,
    };
  } finally {
    await context.close();
  }
}

/** The page-load table: before (uncompressed) and after (precompressed) side by side. */
export function formatPageLoad(records: PageLoadRecord[]): string {
  const cell = (page: PageLoadRecord['page'], variant: BuildVariant) => {
    const r = records.find((x) => x.page === page && x.variant === variant);
    if (!r) return '-';
    if (r.status !== 'ok') return `error: ${r.error}`;
    return `${(r.contentMs! / 1000).toFixed(1)} / ${(r.usableMs! / 1000).toFixed(1)} s, ${(r.transferredBytes! / 1024).toFixed(0)} KiB (${r.scriptEncoding})`;
  };
  const lines = [
    `6. First load on ${POOR_LINK.downloadKbps} kbit/s, ${POOR_LINK.latencyMs} ms RTT (Chromium, cold cache)`,
    `  page              uncompressed (before)                 precompressed (after)      (content shown / live, transferred)`,
    `  follow-along      ${cell('follow', 'uncompressed').padEnd(38)}${cell('follow', 'precompressed')}`,
    `  draft             ${cell('draft', 'uncompressed').padEnd(38)}${cell('draft', 'precompressed')}`,
  ];
  const follow = records.find((x) => x.page === 'follow' && x.variant === 'precompressed');
  if (follow?.status === 'ok') {
    lines.push(
      `  target: follow-along usable in <= ${FOLLOW_TARGET_MS / 1000} s: content ${follow.contentMs! <= FOLLOW_TARGET_MS ? 'met' : 'MISSED'}, live ${follow.usableMs! <= FOLLOW_TARGET_MS ? 'met' : 'MISSED'}`,
    );
  }
  return lines.join('\n');
}
