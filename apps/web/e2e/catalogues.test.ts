import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite } from './harness.js';

/**
 * Issue #12: the first load carries only the reader's catalogue (a lazy chunk per language,
 * preloaded from index.html), the others come when the reader switches language, and the
 * switch still works both ways.
 */
const suite = browserSuite('catalogues');
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const i18nSrc = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'packages', 'i18n', 'src');
const LANGS = ['fr', 'nl', 'en'] as const;
type Lang = (typeof LANGS)[number];
const catalogue = (lng: Lang) =>
  JSON.parse(readFileSync(join(i18nSrc, `${lng}.json`), 'utf8')) as { join: { heading: string } };
const joinHeading = (lng: Lang) => catalogue(lng).join.heading;

/** The catalogue chunks (`/assets/<lng>-<hash>.js`) a page asked for. */
function catalogueRequests(page: Page): Lang[] {
  const seen: Lang[] = [];
  page.on('request', (r) => {
    const m = /\/assets\/(fr|nl|en)-[\w-]+\.js$/.exec(new URL(r.url()).pathname);
    if (m) seen.push(m[1] as Lang);
  });
  return seen;
}

describe('one catalogue per language', () => {
  it('keeps every catalogue out of the scripts of the first load', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const entry = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
    const names = readdirSync(join(dist, 'assets'));
    // The entry, its preloaded chunks and the preload script; one chunk per language beside them.
    expect(entry.length).toBeGreaterThan(1);
    for (const lng of LANGS) {
      expect(
        names.filter((n) => new RegExp(`^${lng}-[\\w-]+\\.js$`).test(n)),
        lng,
      ).toHaveLength(1);
      for (const file of entry) {
        const text = readFileSync(join(dist, 'assets', file), 'utf8');
        expect(text.includes(joinHeading(lng)), `${file} holds the ${lng} catalogue`).toBe(false);
      }
    }
  });

  it('loads the reader’s catalogue only, and the next one when the reader switches', async () => {
    suite.shootOnFailure('switch');
    const page = await suite.newPage('fr-BE', 390);
    const asked = catalogueRequests(page);
    await page.goto(suite.url);
    const heading = page.locator('#join-heading');
    await expect.poll(() => heading.innerText()).toBe(joinHeading('fr'));
    expect(asked).toEqual(['fr']);
    // The switcher names each language in itself, without its catalogue.
    expect(await page.getByTestId('lang-switch-nl').getAttribute('title')).toBe('Nederlands');

    await page.getByTestId('lang-switch-nl').click();
    await expect.poll(() => heading.innerText()).toBe(joinHeading('nl'));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl');
    expect(await page.getByTestId('lang-switch-nl').getAttribute('aria-pressed')).toBe('true');
    expect(asked).toEqual(['fr', 'nl']);

    await page.getByTestId('lang-switch-fr').click();
    await expect.poll(() => heading.innerText()).toBe(joinHeading('fr'));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    // Already there: not asked again.
    expect(asked).toEqual(['fr', 'nl']);

    // The choice is remembered: the next load is Dutch from the start, with the Dutch chunk only.
    await page.getByTestId('lang-switch-nl').click();
    await expect.poll(() => heading.innerText()).toBe(joinHeading('nl'));
    const again = await page.context().newPage();
    const askedAgain = catalogueRequests(again);
    await again.goto(suite.url);
    await expect.poll(() => again.locator('#join-heading').innerText()).toBe(joinHeading('nl'));
    expect(askedAgain).toEqual(['nl']);
  });

  it('takes the first of the browser’s languages that is ours, French when none is', async () => {
    const dutch = await suite.newContext({ locale: 'de-DE' });
    await dutch.addInitScript(() => {
      Object.defineProperty(navigator, 'languages', { get: () => ['de-DE', 'nl-BE', 'fr-BE'] });
    });
    const page = await dutch.newPage();
    const asked = catalogueRequests(page);
    await page.goto(suite.url);
    await expect.poll(() => page.locator('#join-heading').innerText()).toBe(joinHeading('nl'));
    expect(asked).toEqual(['nl']);

    const german = await (await suite.newContext({ locale: 'de-DE' })).newPage();
    const askedGerman = catalogueRequests(german);
    await german.goto(suite.url);
    await expect.poll(() => german.locator('#join-heading').innerText()).toBe(joinHeading('fr'));
    expect(askedGerman).toEqual(['fr']);
  });
});
