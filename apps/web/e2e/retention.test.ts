import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, createSession, expectNoAxeViolations } from './harness.js';

/**
 * The retention setting in the browser: the facilitator says after how many days the names
 * become "Participant 1…n"; the value is kept across a reload (it is the server's), and a value
 * that is not a whole number of 1..3650 days is refused on the spot with a message in the
 * facilitator's language, read with the field, and nothing saved.
 */
const suite = browserSuite('retention');
const { newPage, shot } = suite;

const daysField = (page: Page) => page.getByTestId('retention-days');

/** What the server holds, read with the facilitator's own credentials from this page. */
const serverDays = (page: Page) =>
  page.evaluate(async () => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('roundtable.session.'))!;
    const { sessionId, token } = JSON.parse(localStorage.getItem(key)!) as { sessionId: string; token: string };
    const res = await fetch(`/api/sessions/${sessionId}`, { headers: { authorization: `Bearer ${token}` } });
    return ((await res.json()) as { session: { retentionDays: number | null } }).session.retentionDays;
  });

async function saveDays(page: Page, typed: string): Promise<void> {
  await daysField(page).fill(typed);
  await page.getByTestId('retention-save').click();
}

describe('retention setting in the browser', () => {
  it('keeps the days across a reload, and refuses an invalid value with a clear message', async () => {
    suite.shootOnFailure();
    const facilitator = await newPage('fr-BE');
    await createSession(facilitator, suite.url, 'Table ronde emploi');
    const form = facilitator.getByTestId('retention');
    await form.scrollIntoViewIfNeeded();
    expect(await daysField(facilitator).inputValue()).toBe('');

    await saveDays(facilitator, '30');
    await expect.poll(() => form.getByRole('status').innerText()).toBe('Conservation enregistrée.');
    expect(await serverDays(facilitator)).toBe(30);
    await facilitator.reload();
    await facilitator.getByTestId('session-title').waitFor();
    await expect.poll(() => daysField(facilitator).inputValue()).toBe('30');

    // Out of range, not a whole number, not a number: refused here, nothing sent.
    const patches: string[] = [];
    facilitator.on('request', (r) => {
      if (r.method() === 'PATCH') patches.push(r.url());
    });
    const error = form.getByTestId('retention-error');
    for (const typed of ['0', '3651', '2,5', '1e3']) {
      await saveDays(facilitator, typed);
      await expect
        .poll(() => error.innerText())
        .toBe(
          'Indiquez un nombre entier de jours, de 1 à 3650, ou laissez le champ vide pour garder les noms. Rien n’a été enregistré.',
        );
      expect(await error.getAttribute('role')).toBe('alert');
      expect(await daysField(facilitator).getAttribute('aria-invalid')).toBe('true');
      // Read with the field, which has the focus back.
      const described = (await daysField(facilitator).getAttribute('aria-describedby'))!.split(' ');
      expect(described).toContain(await error.getAttribute('id'));
      expect(await daysField(facilitator).evaluate((e) => e === document.activeElement)).toBe(true);
      expect(await form.getByRole('status').innerText()).toBe('');
    }
    expect(patches).toEqual([]);
    expect(await serverDays(facilitator)).toBe(30);
    await shot(facilitator, 'invalid', false);
    await expectNoAxeViolations(facilitator, 'the retention setting with an invalid value (facilitator)');

    // The server still has 30; emptying the field keeps the names again.
    await facilitator.reload();
    await facilitator.getByTestId('session-title').waitFor();
    await expect.poll(() => daysField(facilitator).inputValue()).toBe('30');
    expect(await form.getByTestId('retention-error').count()).toBe(0);
    await saveDays(facilitator, '');
    await expect.poll(() => form.getByRole('status').innerText()).toBe('Conservation enregistrée.');
    expect(await serverDays(facilitator)).toBeNull();
  });
});
