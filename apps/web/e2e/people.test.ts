import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, createSession, expectNoAxeViolations, OUTPUT_DIR } from './harness.js';

/**
 * The facilitator's path of personal invitations: three invitees typed in, their cards shown
 * with code, link and QR; one of them joins from two browsers (a phone and a laptop) with
 * the link of their card, and the attendance still shows them once. At 320 px, by keyboard.
 */
const suite = browserSuite('people');
const { newPage } = suite;

/** The people panel alone: the whole page at 320 px is very tall. */
const panelShot = (page: Page, name: string) =>
  page.getByTestId('people').screenshot({ path: join(OUTPUT_DIR, `people-${name}.png`) });

describe('personal invitations in the browser', () => {
  it('invites three people; one joins on two browsers and is one row of the attendance', async () => {
    suite.shootOnFailure();

    // A phone-sized facilitator screen: everything must work at 320 px.
    const facilitator = await newPage('nl-BE', 320);
    await createSession(facilitator, suite.url, 'Rondetafel huisvesting');

    // Typed by keyboard into the labelled list field.
    const list = facilitator.getByLabel(/Genodigden, één per regel/);
    await list.focus();
    await facilitator.keyboard.type(
      'Ana Peeters, OCMW Gent, local_authority, participant\nBilal Amrani; Vzw Samen; civil_society\nChloé Dubois, , , observer',
    );
    await expect.poll(() => facilitator.getByTestId('invitations').textContent()).toContain('3 personen klaar');
    await facilitator.getByTestId('create-invitations').focus();
    await facilitator.keyboard.press('Enter');
    const cards = facilitator.getByTestId('invitation-card');
    await expect.poll(() => cards.count()).toBe(3);
    const ana = cards.filter({ hasText: 'Ana Peeters' });
    const code = (await ana.getByTestId('invitation-code').textContent())!.trim();
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    const link = await ana.getByRole('link').getAttribute('href');
    expect(link).toBe(`${suite.url}/j/${code.replace(/-/g, '')}`);
    await ana.getByRole('img', { name: /QR-code van de persoonlijke link van Ana Peeters/ }).waitFor();
    // Nothing of the people panel overflows the 320 px screen sideways (wide tables scroll in their box).
    const overflowing = await facilitator.evaluate(() =>
      [...document.querySelectorAll('[data-testid="people"], [data-testid="people"] *')]
        .filter((e) => !e.closest('.table-scroll') || e.classList.contains('table-scroll'))
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map(
          (e) =>
            `${e.tagName}.${e.className} ${e.getAttribute('data-testid') ?? ''} ${Math.round(e.getBoundingClientRect().right)}`,
        )
        .slice(0, 12),
    );
    expect(overflowing).toEqual([]);
    await panelShot(facilitator, 'cards');

    // Ana opens her card's link on her phone and on her laptop: no name asked, same person.
    for (const device of ['fr-BE', 'en-GB']) {
      const page = await newPage(device);
      await page.goto(link!);
      await page.getByTestId('join-personal').waitFor();
      await page.getByTestId('join-form').locator('button[type="submit"]').click();
      await page.getByTestId('session-title').waitFor();
    }

    const attendance = facilitator.getByTestId('attendance');
    await attendance.getByTestId('attendance-refresh').click();
    const anaRows = attendance.getByTestId('attendance-row').filter({ hasText: 'Ana Peeters' });
    await expect.poll(() => anaRows.count()).toBe(1);
    await expect.poll(async () => (await anaRows.textContent()) ?? '').toContain('Aanwezig');
    // Anne, Ana, Bilal and Chloé: four people, whatever the devices.
    expect(await attendance.getByTestId('attendance-row').count()).toBe(4);
    expect(await attendance.getByTestId('attendance-row').filter({ hasText: 'Bilal Amrani' }).textContent()).toContain(
      'Nog niet gekomen',
    );
    await panelShot(facilitator, 'attendance');

    // On a phone and on a laptop, no name is cut inside a word and the action buttons stay
    // in their column (a flex cell left the table's grid, squeezing the names to a letter).
    for (const width of [320, 1280]) {
      await facilitator.setViewportSize({ width, height: 900 });
      expect(await attendanceLayoutFaults(facilitator)).toEqual([]);
      await expectNoAxeViolations(facilitator, `attendance at ${width} px`);
    }
    await panelShot(facilitator, 'attendance-wide');
  });
});

/** Names of the attendance broken inside a word, and action cells that are not table cells. */
function attendanceLayoutFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const faults: string[] = [];
    for (const th of document.querySelectorAll('[data-testid="attendance-row"] th[scope="row"]')) {
      const name = th.firstChild;
      if (!name || name.nodeType !== Node.TEXT_NODE) continue;
      const text = name.textContent ?? '';
      let at = 0;
      for (const word of text.split(' ')) {
        const range = document.createRange();
        range.setStart(name, at);
        range.setEnd(name, at + word.length);
        if (word && range.getClientRects().length > 1) faults.push(`name "${text}" broken inside "${word}"`);
        at += word.length + 1;
      }
    }
    for (const row of document.querySelectorAll('[data-testid="attendance-row"]')) {
      const last = row.lastElementChild;
      if (last && getComputedStyle(last).display !== 'table-cell')
        faults.push(`actions cell is ${getComputedStyle(last).display}`);
    }
    return faults;
  });
}
