import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserSuite, joinByCode, OUTPUT_DIR } from './harness.js';

/**
 * An intervision in French and Dutch (issue #12): the phases' names and the notices in each
 * reader's language, a phase the facilitator jumps over shown as skipped (never as done),
 * and "Start again" on a running timer asking first, from a button that is not the main one.
 */
const suite = browserSuite('intervision');
const { newPage } = suite;
/** Of a page's viewport, or of one part of it. */
const shot = (target: Page | Locator, name: string) =>
  target.screenshot({ path: join(OUTPUT_DIR, `intervision-${name}.png`) });

const PHASES = {
  nl: ['Voorstelling van de casus', 'Verhelderingsvragen', 'Analyse', 'Advies', 'Reflectie door de casusinbrenger'],
  fr: ['Présentation du cas', 'Questions de clarification', 'Analyse', 'Conseils', 'Réflexion du porteur·euse du cas'],
};
const steps = (page: Page) => page.getByTestId('intervision-steps').locator('li');
const stepStates = (page: Page) => steps(page).evaluateAll((lis) => lis.map((li) => li.getAttribute('data-state')));

describe('an intervision in French and Dutch', () => {
  it('names the phases in each language, shows a skipped phase as skipped, and asks before starting again', async () => {
    suite.shootOnFailure('failure', false);
    const anne = await newPage('nl-BE');
    await anne.goto(suite.url);
    const create = anne.getByTestId('create-form');
    await create.locator('input[name="title"]').fill('Intervisie jeugdhulp');
    await create.locator('select[name="kind"]').selectOption('intervision');
    await create.locator('input[name="name"]').fill('Anne');
    await create.locator('button[type="submit"]').click();
    await anne.getByTestId('intervision-panel').waitFor();
    const code = (await anne.getByTestId('participant-code').textContent())!.trim();
    const fatima = await newPage('fr-BE', 320);
    await joinByCode(fatima, suite.url, code, 'Fatima');
    await fatima.getByTestId('intervision-panel').waitFor();

    // The phases' names and the confidentiality notice, each in the reader's language.
    expect(await steps(anne).locator('.stepper__title').allInnerTexts()).toEqual(PHASES.nl);
    expect(await steps(fatima).locator('.stepper__title').allInnerTexts()).toEqual(PHASES.fr);
    expect(await anne.getByTestId('intervision-confidential').first().innerText()).toBe(
      'Deze notities zijn vertrouwelijk: alleen de mensen in deze sessie zien ze, en ze staan nooit in het verslag.',
    );
    expect(await fatima.getByTestId('intervision-confidential').first().innerText()).toBe(
      'Ces notes sont confidentielles : seules les personnes de cette séance les voient, et elles ne figurent jamais dans le rapport.',
    );

    // Anne starts with the case, then jumps to the advice: questions and analysis were skipped.
    await steps(anne).nth(0).getByRole('button').click();
    await expect.poll(() => stepStates(fatima)).toEqual(['current', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);
    await steps(anne).nth(3).getByRole('button').click();
    for (const page of [anne, fatima]) {
      await expect.poll(() => stepStates(page)).toEqual(['done', 'skipped', 'skipped', 'current', 'upcoming']);
    }
    expect(await steps(anne).locator('.stepper__state').allInnerTexts()).toEqual([
      'afgerond',
      'overgeslagen',
      'overgeslagen',
      'huidige fase',
      'volgt nog',
    ]);
    expect(await steps(fatima).nth(1).locator('.stepper__state').innerText()).toBe('sautée');
    await shot(anne.getByTestId('intervision-steps'), 'skipped-nl');
    await shot(fatima, 'skipped-fr-320');

    // "Opnieuw starten" on a running timer: not the main button, and it asks first.
    await anne.getByTestId('timer-start').click();
    const timer = anne.getByTestId('agenda-timer');
    await expect.poll(() => timer.getAttribute('data-state')).toBe('running');
    const restart = anne.getByTestId('timer-start');
    await expect.poll(() => restart.innerText()).toBe('Opnieuw starten');
    expect(await restart.getAttribute('class')).not.toContain('button--primary');
    expect(await anne.getByTestId('timer-pause').getAttribute('class')).toContain('button--primary');
    await restart.click();
    const dialog = anne.getByTestId('timer-restart-confirm');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.getByRole('heading').innerText()).toBe('De timer opnieuw starten?');
    expect(await dialog.innerText()).toContain('wist voor iedereen de tijd die al geteld is');
    await shot(anne, 'restart-dialog-nl');
    // Cancel (Escape): the timer runs on, and the focus is back on the button.
    await anne.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await timer.getAttribute('data-state')).toBe('running');
    expect(await restart.evaluate((e) => e === document.activeElement)).toBe(true);
    await restart.click();
    await dialog.getByTestId('timer-restart-confirm-confirm').click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => timer.getAttribute('data-state')).toBe('running');
  });
});
