import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { joinByCode, launchChromium, OUTPUT_DIR, startServer, type RunningServer } from './harness.js';

/**
 * Following the same join link again on the same device gives the person their
 * participation back instead of a second one, which would count twice in attendance
 * and could vote twice. Someone else on the same device still joins under their own name.
 */
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
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

/** How many people the session's report counts (the facilitator's view). */
async function attendance(sessionId: string, facilitatorToken: string): Promise<number> {
  const res = await fetch(`${server.url}/api/sessions/${sessionId}/report?format=json`, {
    headers: { authorization: `Bearer ${facilitatorToken}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { attendance: { total: number } }).attendance.total;
}

describe('joining again from the same device', () => {
  it('offers to continue, reuses the participation for the same name, and lets someone else join', async () => {
    const created = await post<{ session: { id: string }; codes: { facilitator: string; participant: string } }>(
      '/api/sessions',
      { title: 'Table ronde emploi', kind: 'round_table', language: 'fr' },
    );
    const facilitator = await post<{ token: string }>('/api/join', { code: created.codes.facilitator, name: 'Anne' });
    const sessionId = created.session.id;
    const code = created.codes.participant;

    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1000, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await joinByCode(page, server.url, code, 'Marie Dubois');
    expect(await attendance(sessionId, facilitator.token)).toBe(2);

    // The QR code scanned again: the page says who this device joined as.
    await page.goto(`${server.url}/j/${code}`);
    const notice = page.getByTestId('already-joined');
    await expect.poll(() => notice.textContent()).toContain('Marie Dubois');
    await page.screenshot({ path: join(OUTPUT_DIR, 'rejoin-notice.png'), fullPage: true });
    await notice.getByRole('link', { name: 'Continue as Marie Dubois' }).click();
    await page.getByTestId('session-title').waitFor();
    expect(page.url()).toBe(`${server.url}/s/${sessionId}`);

    // The same name retyped (other case, extra spaces) is the same person.
    await joinByCode(page, server.url, code, '  marie   dubois ');
    expect(await attendance(sessionId, facilitator.token)).toBe(2);

    // Someone else on this device joins under their own name.
    await joinByCode(page, server.url, code, 'Paul');
    expect(await attendance(sessionId, facilitator.token)).toBe(3);
  });
});
