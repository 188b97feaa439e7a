import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CreateSessionResponse, JoinResponse, RecommendationResponse } from '@roundtable/protocol';
import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './harness.js';
import { joinedAs } from './meetingSetup.js';

/**
 * Issue #12, an observer's first load of the follow-along page `/s/:id`: none of its scripts
 * holds zod (the web uses `@roundtable/protocol/client`), and `GET /api/sessions/:id` is
 * asked for once, by the first-load script while the app's scripts download, the app using
 * that answer; if that request fails, the app asks again and the page is the same.
 */
const suite = browserSuite('first-load');

/** What zod's build always holds (its error class and its core types' names). */
const ZOD_MARKER = /\$Zod[A-Z]\w+|ZodError/;
const PREFETCH_GLOBAL = '__roundtableSessionPrefetch';
const SOCKET_PREFETCH_GLOBAL = '__roundtableSocketPrefetch';

/** The page's socket.io WebSockets, as they are created. */
function socketIoSockets(page: Page): string[] {
  const urls: string[] = [];
  page.on('websocket', (ws) => {
    if (new URL(ws.url()).pathname === '/socket.io/') urls.push(ws.url());
  });
  return urls;
}

async function post<T>(path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${suite.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  expect(res.ok, `${path}: ${res.status}`).toBe(true);
  return (await res.json()) as T;
}

interface Setup {
  sessionId: string;
  recId: string;
  observer: JoinResponse;
  participant: JoinResponse;
}

let setup: Setup | undefined;
async function session(): Promise<Setup> {
  if (setup) return setup;
  const created = await post<CreateSessionResponse>('/api/sessions', {
    title: 'First load on a poor link',
    kind: 'round_table',
    language: 'en',
  });
  const facilitator = await post<JoinResponse>('/api/join', { code: created.codes.facilitator, name: 'Anne' });
  const rec = await post<RecommendationResponse>(
    `/api/sessions/${created.session.id}/recommendations`,
    { title: 'Open data' },
    facilitator.token,
  );
  setup = {
    sessionId: created.session.id,
    recId: rec.recommendation.id,
    observer: await post<JoinResponse>('/api/join', { code: created.codes.observer, name: 'Olga' }),
    participant: await post<JoinResponse>('/api/join', { code: created.codes.participant, name: 'Bram' }),
  };
  return setup;
}

/** Every request of the page for `GET /api/sessions/:id` itself (not its sub-resources). */
function snapshotRequests(page: Page, sessionId: string): Request[] {
  const seen: Request[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === `/api/sessions/${sessionId}`) seen.push(r);
  });
  return seen;
}

/** The text of every script the page loaded. */
function scripts(page: Page): Promise<string>[] {
  const bodies: Promise<string>[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') bodies.push(r.text());
  });
  return bodies;
}

/** Waits for the follow-along page: content (title, "now in the meeting") and live (listed over socket.io). */
async function followAlong(page: Page, { sessionId, observer }: Setup): Promise<void> {
  await page.goto(`${suite.url}/s/${sessionId}`);
  await expect.poll(() => page.getByTestId('session-title').innerText()).toBe('First load on a poor link');
  await page.getByTestId('meeting-now').waitFor();
  await page.getByTestId('presence-list').getByText(observer.participant.name).waitFor();
}

/** A participant's page on the session overview, where the drafts are listed. */
async function participantOnOverview(): Promise<Page> {
  const s = await session();
  const page = await suite.newPage('en-GB', 390);
  await joinedAs(page, s.participant);
  await page.goto(`${suite.url}/s/${s.sessionId}`);
  await page.getByTestId('session-title').waitFor();
  return page;
}

describe('first load of the follow-along page', () => {
  it('loads no zod, and no chunk of the build holds it', async () => {
    suite.shootOnFailure('zod');
    const s = await session();
    const page = await suite.newPage('en-GB', 390);
    await joinedAs(page, s.observer);
    const loaded = scripts(page);
    await followAlong(page, s);
    const texts = await Promise.all(loaded);
    expect(texts.length).toBeGreaterThan(3);
    expect(texts.filter((t) => ZOD_MARKER.test(t)).length).toBe(0);

    // No chunk of the build holds zod any more (the draft's alignment stamps are checked without it).
    const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'assets');
    const withZod = readdirSync(assets).filter(
      (f) => f.endsWith('.js') && ZOD_MARKER.test(readFileSync(join(assets, f), 'utf8')),
    );
    expect(withZod).toEqual([]);
  });

  it('asks for the session once, from the first-load script, and the app uses that answer', async () => {
    suite.shootOnFailure('once');
    const s = await session();
    const page = await suite.newPage('en-GB', 390);
    await joinedAs(page, s.observer);
    const asked = snapshotRequests(page, s.sessionId);
    await followAlong(page, s);
    expect(asked).toHaveLength(1);
    expect(await asked[0]!.headerValue('authorization')).toBe(`Bearer ${s.observer.token}`);
    // The script left its hand-over function (the app had not asked before it ran) and the app took it.
    expect(await page.evaluate((name) => typeof (window as never)[name], PREFETCH_GLOBAL)).toBe('function');
  });

  it('opens the socket.io WebSocket from the first-load script, before the app runs, and the app connects over it', async () => {
    suite.shootOnFailure('early-socket');
    const s = await session();
    const page = await suite.newPage('en-GB', 390);
    await joinedAs(page, s.observer);
    const sockets = socketIoSockets(page);
    // The entry script is held back until the first-load script has opened its socket.
    let openedWhileHeld = false;
    await page.route('**/assets/index-*.js', async (route) => {
      await expect.poll(() => sockets.length, { timeout: 10_000 }).toBe(1);
      openedWhileHeld = true;
      await route.continue();
    });
    await followAlong(page, s);
    expect(openedWhileHeld).toBe(true);
    // Listed over that one socket: the app took it over rather than opening its own.
    expect(sockets).toHaveLength(1);
    expect(await page.evaluate((name) => (window as never)[name] ?? null, SOCKET_PREFETCH_GLOBAL)).toBeNull();
    // A reconnection opens a socket of its own and is live again (once the page's chunks are
    // all there: a lazy chunk cut off by the link is tried again, then shows the route's error page, see below).
    await page.waitForLoadState('networkidle');
    await page.context().setOffline(true);
    await page.getByTestId('meeting-now').and(page.locator('[data-stale="true"]')).waitFor({ timeout: 20_000 });
    await page.context().setOffline(false);
    await page.getByTestId('meeting-now').and(page.locator('[data-stale="false"]')).waitFor({ timeout: 20_000 });
    expect(sockets.length).toBeGreaterThan(1);
  });

  it('still shows the page when the early request fails or is refused', async () => {
    suite.shootOnFailure('fails');
    const s = await session();
    for (const fail of ['abort', 'unavailable'] as const) {
      const page = await suite.newPage('en-GB', 390);
      await joinedAs(page, s.observer);
      let first = true;
      await page.route(`**/api/sessions/${s.sessionId}`, async (route) => {
        if (!first) return route.continue();
        first = false;
        if (fail === 'abort') return route.abort('failed');
        return route.fulfill({ status: 503, contentType: 'application/json', body: '{}' });
      });
      const asked = snapshotRequests(page, s.sessionId);
      await followAlong(page, s);
      expect(asked, fail).toHaveLength(2);
      await page.context().close();
    }
  });

  it('sends a session’s token for that session only, and nothing without credentials', async () => {
    suite.shootOnFailure('token');
    const s = await session();
    const page = await suite.newPage('en-GB', 390);
    // Credentials of this session, a page of another one: neither its token nor any request.
    await joinedAs(page, s.observer);
    const other = 'no-such-session';
    const asked = snapshotRequests(page, other);
    const sockets = socketIoSockets(page);
    const withToken: string[] = [];
    page.on('request', (r) => {
      if (r.headers().authorization?.includes(s.observer.token)) withToken.push(new URL(r.url()).pathname);
    });
    await page.goto(`${suite.url}/s/${other}`);
    await page.locator('#root *').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(asked).toHaveLength(0);
    expect(withToken.filter((p) => !p.startsWith(`/api/sessions/${s.sessionId}`))).toEqual([]);
    expect(await page.evaluate((name) => (window as never)[name] ?? null, PREFETCH_GLOBAL)).toBeNull();
    // Nor an early socket: the script opens one only where it asked for the session.
    expect(await page.evaluate((name) => (window as never)[name] ?? null, SOCKET_PREFETCH_GLOBAL)).toBeNull();
    expect(sockets).toEqual([]);
  });

  it('shows the route error page in the shell when a page’s chunk cannot be downloaded, and the way back works', async () => {
    suite.shootOnFailure('route-error');
    const page = await participantOnOverview();
    // The draft's own chunk fails, as it can on a poor link.
    await page.route('**/assets/DraftPage-*.js', (route) => route.abort('failed'));
    await page.getByTestId('recommendation-list').getByRole('link', { name: 'Open data' }).click();
    await page.getByRole('heading', { name: 'This page could not be shown' }).waitFor();
    await page.getByRole('button', { name: 'Reload the page' }).waitFor();
    // Another path clears the error: back to the overview, which renders again.
    await page.goBack();
    await page.getByTestId('session-title').waitFor();
    expect(await page.getByRole('heading', { name: 'This page could not be shown' }).count()).toBe(0);
  });

  it('tries a page’s chunk again when the link cut its download, and shows the page without the error', async () => {
    suite.shootOnFailure('route-retry');
    const page = await participantOnOverview();
    // The draft's chunk fails twice, then comes through (a flaky link, not a dead one).
    let failures = 0;
    await page.route('**/assets/DraftPage-*.js', (route) => {
      if (failures >= 2) return route.continue();
      failures += 1;
      return route.abort('failed');
    });
    await page.getByTestId('recommendation-list').getByRole('link', { name: 'Open data' }).click();
    await page.getByTestId('recommendation-title').and(page.getByText('Open data')).waitFor({ timeout: 20_000 });
    expect(failures).toBe(2);
    expect(await page.getByRole('heading', { name: 'This page could not be shown' }).count()).toBe(0);
  });
});
