import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSuite, expectNoAxeViolations, OUTPUT_DIR } from './harness.js';

/**
 * #16 extensions in the browser: the create form offers a place and a time zone (the
 * browser's own first), the session header shows the place, and the facilitator changes it
 * from the report card.
 */
const suite = browserSuite('place-zone');

describe('place and time zone', () => {
  it("creates a session in the browser's zone with a place, then changes the place", async () => {
    suite.shootOnFailure();
    // A Dutch facilitator whose laptop is set to Tokyo (not one of the common zones).
    const context = await suite.newContext({
      locale: 'nl-BE',
      timezoneId: 'Asia/Tokyo',
      viewport: { width: 1100, height: 900 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(suite.url);
    const form = page.getByTestId('create-form');
    const zone = form.getByLabel('Tijdzone');
    expect(await zone.inputValue()).toBe('Asia/Tokyo');
    expect((await zone.locator('option').allInnerTexts())[0]).toBe('Asia/Tokyo');
    await form.getByLabel('Locatie').fill('Vlaams Parlement, zaal De Schelde');
    await expectNoAxeViolations(page, 'home with place and time zone');
    await form.screenshot({ path: join(OUTPUT_DIR, 'place-zone-create-form.png') });
    await form.locator('input[name="title"]').fill('Dialoog huisvesting');
    await form.locator('input[name="name"]').fill('Anne');
    await form.locator('button[type="submit"]').click();
    await page.getByTestId('session-title').waitFor();
    await expect
      .poll(() => page.locator('.session-header__meta').innerText())
      .toContain('Vlaams Parlement, zaal De Schelde');

    const stored = await page.evaluate(() => {
      for (const value of Object.values(localStorage)) {
        try {
          const v = JSON.parse(value) as { token?: string; sessionId?: string };
          if (v?.token && v.sessionId) return v as { token: string; sessionId: string };
        } catch {
          // not ours
        }
      }
      return null;
    });
    expect(stored).not.toBeNull();
    const session = async () =>
      (
        (await (
          await fetch(`${suite.url}/api/sessions/${stored!.sessionId}`, {
            headers: { authorization: `Bearer ${stored!.token}` },
          })
        ).json()) as { session: { place: string | null; timeZone: string } }
      ).session;
    expect(await session()).toMatchObject({ place: 'Vlaams Parlement, zaal De Schelde', timeZone: 'Asia/Tokyo' });

    const setting = page.getByTestId('place-setting');
    const place = setting.getByLabel('Locatie van de sessie');
    expect(await place.inputValue()).toBe('Vlaams Parlement, zaal De Schelde');
    await place.fill('Résidence Palace, Brussel');
    await setting.getByRole('button', { name: 'De locatie opslaan' }).click();
    await setting.getByRole('status').getByText('Locatie opgeslagen.').waitFor();
    expect((await session()).place).toBe('Résidence Palace, Brussel');
    await place.fill('');
    await setting.getByRole('button', { name: 'De locatie opslaan' }).click();
    await expect.poll(async () => (await session()).place).toBeNull();
    await page.getByTestId('report-downloads').screenshot({ path: join(OUTPUT_DIR, 'place-zone-report-card.png') });
  });
});
