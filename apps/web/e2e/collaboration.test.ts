import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, OUTPUT_DIR, startServer, type RunningServer, joinByCode, openDraft } from './harness.js';

/**
 * The user's path of the foundation: a facilitator creates a session and a
 * recommendation, two people join by code and co-edit it, an observer follows
 * read-only, and the interface switches to Dutch.
 */
let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function newPage(locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1100, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(OUTPUT_DIR, `${name}.png`), fullPage: true });

describe('co-editing a recommendation in the browser', () => {
  it('two participants co-edit, an observer follows read-only, the UI switches to Dutch', async () => {
    onTestFailed(async () => {
      // What each person saw when it failed, for whoever reads the CI output.
      let i = 0;
      for (const c of contexts) for (const p of c.pages()) await shot(p, `failure-${i++}`).catch(() => undefined);
    });
    // Facilitator, in French.
    const facilitator = await newPage('fr-BE');
    await facilitator.goto(server.url);
    const create = facilitator.getByTestId('create-form');
    await create.locator('input[name="title"]').fill('Table ronde logement');
    await create.locator('input[value="housing"]').check();
    await create.locator('input[name="name"]').fill('Anne');
    await create.locator('button[type="submit"]').click();
    await expect.poll(() => facilitator.getByTestId('session-title').textContent()).toBe('Table ronde logement');
    expect(await facilitator.locator('html').getAttribute('lang')).toBe('fr');

    const participantCode = (await facilitator.getByTestId('participant-code').textContent())!.trim();
    const observerCode = (await facilitator.getByTestId('observer-code').textContent())!.trim();
    expect(participantCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await facilitator.getByTestId('qr-participant').waitFor();
    await facilitator.getByTestId('qr-observer').waitFor();

    const add = facilitator.getByTestId('add-recommendation-form');
    await add.locator('input[name="title"]').fill('Accès au logement');
    await add.locator('select[name="theme"]').selectOption('housing');
    await add.locator('button[type="submit"]').click();
    await facilitator.getByTestId('recommendation-list').getByRole('link', { name: 'Accès au logement' }).waitFor();
    await shot(facilitator, 'facilitator-session');

    // Two participants join by code, from two contexts.
    const bram = await newPage('nl-BE');
    await joinByCode(bram, server.url, participantCode, 'Bram');
    const fatima = await newPage('fr-BE');
    await joinByCode(fatima, server.url, participantCode, 'Fatima');
    await expect.poll(() => facilitator.getByTestId('presence-list').textContent()).toContain('Fatima');

    await openDraft(bram, 'Accès au logement');
    await openDraft(fatima, 'Accès au logement');
    await expect
      .poll(() => bram.getByTestId('connection-state').textContent())
      .toMatch(/verbonden|connecté|connected/i);

    await bram.getByTestId('editor').click();
    await bram.keyboard.type('Gelijke toegang tot huisvesting.');
    await fatima.getByTestId('editor').click();
    await fatima.keyboard.press('End');
    await fatima.keyboard.press('Enter');
    await fatima.keyboard.type('Sans discrimination.');

    for (const page of [bram, fatima]) {
      await expect.poll(() => page.getByTestId('editor').innerText()).toContain('Gelijke toegang tot huisvesting.');
      await expect.poll(() => page.getByTestId('editor').innerText()).toContain('Sans discrimination.');
    }
    // Each sees the other's caret, labelled with the other's name.
    await expect.poll(() => bram.locator('.collaboration-carets__label').allInnerTexts()).toContain('Fatima');
    await expect.poll(() => fatima.locator('.collaboration-carets__label').allInnerTexts()).toContain('Bram');
    await shot(bram, 'participant-draft');

    // The observer sees the text and cannot type.
    const observer = await newPage('en-GB');
    await joinByCode(observer, server.url, observerCode, 'Chloé');
    await openDraft(observer, 'Accès au logement');
    const observed = observer.getByTestId('editor');
    await expect.poll(() => observed.innerText()).toContain('Sans discrimination.');
    expect(await observed.getAttribute('contenteditable')).toBe('false');
    await observed.click();
    await observer.keyboard.type('INTRUSION');
    await bram.getByTestId('editor').click();
    await bram.keyboard.press('End');
    await bram.keyboard.type(' Fin.');
    await expect.poll(() => observed.innerText()).toContain('Fin.');
    expect(await observed.innerText()).not.toContain('INTRUSION');
    expect(await fatima.getByTestId('editor').innerText()).not.toContain('INTRUSION');
    await shot(observer, 'observer-draft');

    // The observer switches the interface to Dutch; the choice is remembered.
    await observer.getByTestId('lang-switch-nl').click();
    await expect.poll(() => observer.locator('html').getAttribute('lang')).toBe('nl');
    await expect.poll(() => observer.getByTestId('connection-state').textContent()).toMatch(/verbonden/i);
    await observer.reload();
    await observer.getByTestId('editor').waitFor();
    expect(await observer.locator('html').getAttribute('lang')).toBe('nl');
    await shot(observer, 'observer-draft-nl');
  });
});
