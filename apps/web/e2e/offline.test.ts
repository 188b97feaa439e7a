import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DeadLinkProxy } from './deadLinkProxy.js';
import {
  expectNoAxeViolations,
  joinByCode,
  launchChromium,
  OUTPUT_DIR,
  startServer,
  type RunningServer,
} from './harness.js';

/**
 * Never lose an edit (issue #12): a participant on a venue's Wi-Fi whose path dies (a proxy
 * drops every packet, no socket closes) is told within 10 s, her edits wait in her browser
 * through a closed tab, and reach the others once the path is back. An observer's copy sends
 * nothing of the document.
 */
let server: RunningServer;
let browser: Browser;
let proxy: DeadLinkProxy;
/** The server's address through the proxy: Anne's only way to it. */
let viaProxy: string;
const contexts: BrowserContext[] = [];

/** A dead path must show within this (issue #12). */
const DETECTION_LIMIT_MS = 10_000;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  proxy = new DeadLinkProxy({ host: '127.0.0.1', port: Number(new URL(server.url).port) });
  viaProxy = await proxy.listen();
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await proxy?.close();
  await server?.stop();
});

async function post<T>(path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  expect(res.ok, `${path}: ${res.status}`).toBe(true);
  return (await res.json()) as T;
}

interface Fixture {
  sessionId: string;
  participantCode: string;
  observerCode: string;
  recommendationId: string;
  title: string;
}

async function sessionWithDraft(title: string): Promise<Fixture> {
  const created = await post<{
    session: { id: string };
    codes: { facilitator: string; participant: string; observer: string };
  }>('/api/sessions', { title: 'Table ronde emploi', kind: 'round_table', language: 'fr' });
  const facilitator = await post<{ token: string }>('/api/join', { code: created.codes.facilitator, name: 'Anne' });
  const { recommendation } = await post<{ recommendation: { id: string } }>(
    `/api/sessions/${created.session.id}/recommendations`,
    { title },
    facilitator.token,
  );
  return {
    sessionId: created.session.id,
    participantCode: created.codes.participant,
    observerCode: created.codes.observer,
    recommendationId: recommendation.id,
    title,
  };
}

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1000, height: 900 } });
  contexts.push(context);
  return context;
}

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

const draftUrl = (origin: string, f: Fixture) => `${origin}/s/${f.sessionId}/r/${f.recommendationId}`;
const connection = (page: Page) => page.getByTestId('connection-state');

async function openConnectedDraft(page: Page, origin: string, f: Fixture): Promise<void> {
  await page.goto(draftUrl(origin, f));
  await page.getByTestId('editor').waitFor();
  await expect.poll(() => connection(page).getAttribute('data-state')).toBe('connected');
}

async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.getByTestId('editor').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(OUTPUT_DIR, `${name}.png`), fullPage: true });

function shootOnFailure(): void {
  onTestFailed(async () => {
    let i = 0;
    for (const c of contexts) for (const p of c.pages()) await shot(p, `offline-failure-${i++}`).catch(() => undefined);
  });
}

describe('a dead link, in the browser', () => {
  it('shows within 10 s, keeps the edits through a closed tab, warns before leaving, and delivers them once back', async () => {
    shootOnFailure();
    const f = await sessionWithDraft('Accès à l’emploi');
    const anneContext = await newContext();
    const anne = await newPage(anneContext);
    await joinByCode(anne, viaProxy, f.participantCode, 'Anne-Marie');
    await openConnectedDraft(anne, viaProxy, f);
    await typeAtEnd(anne, 'Online first.');
    await expect.poll(() => connection(anne).getAttribute('data-pending')).toBe('0');
    await expectNoAxeViolations(anne, 'draft, connected');

    const bram = await newPage(await newContext());
    await joinByCode(bram, server.url, f.participantCode, 'Bram');
    await openConnectedDraft(bram, server.url, f);
    await expect.poll(() => bram.getByTestId('editor').innerText()).toContain('Online first.');

    // The path dies: nothing closes, nothing arrives.
    proxy.drop();
    const died = Date.now();
    await expect
      .poll(() => connection(anne).getAttribute('data-state'), { timeout: DETECTION_LIMIT_MS })
      .not.toBe('connected');
    await expect.poll(() => anne.getByTestId('meeting-stale').count(), { timeout: DETECTION_LIMIT_MS }).toBe(1);
    const detectedAfter = Date.now() - died;
    expect(detectedAfter).toBeLessThan(DETECTION_LIMIT_MS);
    expect(await anne.getByTestId('meeting-now').getAttribute('data-stale')).toBe('true');

    await typeAtEnd(anne, ' Typed offline.');
    await expect.poll(() => connection(anne).getAttribute('data-unsynced')).toBe('true');
    expect(await connection(anne).innerText()).toMatch(/unsynced changes/i);
    await shot(anne, 'offline-draft-unsynced');
    await expectNoAxeViolations(anne, 'draft, offline with unsynced changes');

    // Leaving asks first.
    const dialog = new Promise<{ type(): string; dismiss(): Promise<void> }>((resolve) => anne.once('dialog', resolve));
    await anne.close({ runBeforeUnload: true });
    const noWarning = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('no leave-page warning within 10 s')), 10_000),
    );
    const asked = await Promise.race([dialog, noWarning]);
    expect(asked.type()).toBe('beforeunload');
    await asked.dismiss();
    expect(anne.isClosed()).toBe(false);

    // The tab is closed for good (or the battery dies) before the path comes back.
    await anne.close();
    proxy.heal();
    // Nothing of it reached the server: Bram still has the text without it.
    await bram.reload();
    await bram.getByTestId('editor').waitFor();
    await expect.poll(() => connection(bram).getAttribute('data-state')).toBe('connected');
    expect(await bram.getByTestId('editor').innerText()).not.toContain('Typed offline.');

    // Anne opens the draft again: her browser kept the edit, and sends it.
    const again = await newPage(anneContext);
    await again.goto(draftUrl(viaProxy, f));
    await again.getByTestId('editor').waitFor();
    await expect.poll(() => again.getByTestId('editor').innerText()).toContain('Typed offline.');
    await expect.poll(() => bram.getByTestId('editor').innerText()).toContain('Online first. Typed offline.');
    await expect.poll(() => connection(again).getAttribute('data-pending')).toBe('0');
    expect(await connection(again).getAttribute('data-unsynced')).toBe('false');
  });

  it('delivers edits typed on a dead path soon after the path is back, with the tab left open', async () => {
    shootOnFailure();
    const f = await sessionWithDraft('Formation continue');
    const anne = await newPage(await newContext());
    await joinByCode(anne, viaProxy, f.participantCode, 'Anne-Marie');
    await openConnectedDraft(anne, viaProxy, f);
    const bram = await newPage(await newContext());
    await joinByCode(bram, server.url, f.participantCode, 'Bram');
    await openConnectedDraft(bram, server.url, f);

    proxy.drop();
    await typeAtEnd(anne, 'Written while the Wi-Fi was dead.');
    await expect
      .poll(() => connection(anne).getAttribute('data-unsynced'), { timeout: DETECTION_LIMIT_MS })
      .toBe('true');
    proxy.heal();
    const healed = Date.now();
    // The stock client would wait for its 30 s silence timeout on the dead socket.
    await expect
      .poll(() => bram.getByTestId('editor').innerText(), { timeout: 15_000 })
      .toContain('Written while the Wi-Fi was dead.');
    expect(Date.now() - healed).toBeLessThan(15_000);
    await expect.poll(() => connection(anne).getAttribute('data-pending')).toBe('0');
    await expect.poll(() => anne.getByTestId('meeting-stale').count(), { timeout: 15_000 }).toBe(0);
  });

  it("an observer's copy sends nothing of the document", async () => {
    shootOnFailure();
    const f = await sessionWithDraft('Observer only');
    const bram = await newPage(await newContext());
    await joinByCode(bram, server.url, f.participantCode, 'Bram');
    await openConnectedDraft(bram, server.url, f);
    await typeAtEnd(bram, 'Written by Bram.');

    const observer = await newPage(await newContext());
    const sent: Buffer[] = [];
    observer.on('websocket', (ws) => {
      if (!ws.url().includes('/yjs/')) return;
      ws.on('framesent', ({ payload }) => sent.push(Buffer.isBuffer(payload) ? payload : Buffer.from(payload)));
    });
    await joinByCode(observer, server.url, f.observerCode, 'Chloé');
    await openConnectedDraft(observer, server.url, f);
    await expect.poll(() => observer.getByTestId('editor').innerText()).toContain('Written by Bram.');
    await typeAtEnd(bram, ' And more.');
    await expect.poll(() => observer.getByTestId('editor').innerText()).toContain('And more.');
    await expectNoAxeViolations(observer, 'draft, observer');

    // Sync step 1 (its state vector: 0 0 …) and awareness (1 …) only: no step 2 (0 1), no update (0 2).
    expect(sent.length).toBeGreaterThan(0);
    const documentFrames = sent.filter((frame) => frame[0] === 0 && frame[1] !== 0);
    expect(documentFrames.map((frame) => [...frame.subarray(0, 2)])).toEqual([]);
  });
});
