import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addRecommendation, browserSuite, codeOf, createSession, joinByCode } from './harness.js';

/**
 * Language versions in the browser (issue #13): a French and a Dutch participant co-edit
 * their versions side by side; the drift mark appears on the Dutch paragraph when the French
 * one changes and clears once the Dutch version is confirmed; the vote shows each voter the
 * text in their language, with a switch to the other.
 */
const suite = browserSuite('versions');
const { newPage, shot } = suite;

const TITLE = 'Accès au logement';
const TITLE_NL = 'Toegang tot huisvesting';

async function openVersions(page: Page): Promise<void> {
  // Each reader sees the title of their own language in the list.
  const title = new RegExp(`^(${TITLE}|${TITLE_NL})$`);
  await page.getByTestId('recommendation-list').getByRole('link', { name: title }).click();
  await page.getByTestId('draft-version-nl').getByTestId('editor').waitFor();
  await expect.poll(() => page.getByTestId('connection-state').getAttribute('data-state')).toBe('connected');
}
const editorOf = (page: Page, lang: string) => page.getByTestId(`draft-version-${lang}`).getByTestId('editor');

describe('language versions in the browser', () => {
  it('co-edits fr and nl side by side, marks drift and clears it, and votes in each language', async () => {
    suite.shootOnFailure();
    const facilitator = await newPage('fr-BE');
    await createSession(facilitator, suite.url, 'Table ronde fédérale', {
      fill: async (form) => {
        await form.getByTestId('create-language-nl').check();
      },
    });
    const participantCode = await codeOf(facilitator, 'participant');
    await addRecommendation(facilitator, TITLE, async (form) => {
      await form.locator('input[name="title-nl"]').fill(TITLE_NL);
    });

    const fatima = await newPage('fr-BE');
    await joinByCode(fatima, suite.url, participantCode, 'Fatima');
    const bram = await newPage('nl-BE');
    await joinByCode(bram, suite.url, participantCode, 'Bram');
    await openVersions(fatima);
    await openVersions(bram);
    // Side by side, each version marked with its language.
    for (const page of [fatima, bram]) {
      expect(await page.getByTestId('draft-version-fr').getAttribute('lang')).toBe('fr');
      expect(await editorOf(page, 'nl').getAttribute('lang')).toBe('nl');
      expect(await page.getByTestId('draft-version-fr').isVisible()).toBe(true);
      expect(await page.getByTestId('draft-version-nl').isVisible()).toBe(true);
    }
    expect(await bram.getByTestId('draft-version-nl').innerText()).toContain(TITLE_NL);

    // Fatima writes the French paragraph: the Dutch version lacks it.
    await editorOf(fatima, 'fr').click();
    await fatima.keyboard.type('Garantir un accès égal au logement.');
    const nl = bram.getByTestId('draft-version-nl');
    await nl.getByTestId('paragraph-missing').waitFor();
    await expect.poll(() => nl.getAttribute('data-status')).toBe('missing');
    // Bram adds it to the Dutch version and translates it.
    await nl.getByTestId('add-missing-paragraph').click();
    await bram.keyboard.type('Gelijke toegang tot huisvesting waarborgen.');
    await expect.poll(() => editorOf(fatima, 'nl').innerText()).toContain('Gelijke toegang');
    await expect.poll(() => nl.getByTestId('paragraph-missing').count()).toBe(0);
    // He checked it: confirming the Dutch version puts both in step.
    await bram.getByTestId('confirm-version-nl').click();
    for (const page of [fatima, bram]) {
      await expect.poll(() => page.getByTestId('paragraph-realign').count()).toBe(0);
      await expect.poll(() => page.getByTestId('draft-version-nl').getAttribute('data-status')).toBe('aligned');
    }
    await shot(bram, 'aligned');

    // Fatima changes the French paragraph: the Dutch one is to re-align, with who changed it.
    await editorOf(fatima, 'fr').click();
    await fatima.keyboard.press('End');
    await fatima.keyboard.type(' Sans discrimination.');
    const mark = nl.getByTestId('paragraph-realign');
    await mark.waitFor();
    expect(await mark.innerText()).toContain('Fatima');
    expect(await fatima.getByTestId('draft-version-nl').getByTestId('paragraph-realign').count()).toBe(1);
    expect(await fatima.getByTestId('draft-version-fr').getByTestId('paragraph-realign').count()).toBe(0);
    await shot(bram, 'drift');
    await editorOf(bram, 'nl').click();
    await bram.keyboard.press('End');
    await bram.keyboard.type(' Zonder discriminatie.');
    await bram.getByTestId('confirm-version-nl').click();
    for (const page of [fatima, bram]) {
      await expect.poll(() => page.getByTestId('paragraph-realign').count()).toBe(0);
    }

    // The vote: each voter reads the frozen text in their language and can switch.
    await openVersions(facilitator);
    await facilitator.getByTestId('open-vote-toggle').click();
    await facilitator.getByTestId('open-vote-form').getByTestId('open-vote-submit').click();
    await expect.poll(() => facilitator.getByTestId('vote-panel').getAttribute('data-status')).toBe('open');
    const frozenOf = (page: Page) => page.getByTestId('vote-panel').getByTestId('frozen-text');
    await expect.poll(() => frozenOf(bram).innerText()).toContain('Zonder discriminatie.');
    expect(await frozenOf(bram).getAttribute('lang')).toBe('nl');
    await expect.poll(() => frozenOf(fatima).innerText()).toContain('Sans discrimination.');
    expect(await frozenOf(fatima).getAttribute('lang')).toBe('fr');
    await fatima.getByTestId('vote-panel').getByTestId('version-switch-nl').click();
    await expect.poll(() => frozenOf(fatima).innerText()).toContain('Gelijke toegang');
    await shot(fatima, 'vote');

    // On a phone (320 px), one version at a time, with the switch.
    const phone = await newPage('nl-BE', 320);
    await joinByCode(phone, suite.url, participantCode, 'Jan');
    // A Dutch reader's list gives the Dutch title.
    await phone.getByTestId('recommendation-list').getByRole('link', { name: TITLE_NL }).click();
    await phone.getByTestId('draft-version-nl').getByTestId('editor').waitFor();
    expect(await phone.getByTestId('draft-version-fr').isVisible()).toBe(false);
    await phone.getByTestId('draft-version-switch-fr').click();
    await expect.poll(() => phone.getByTestId('draft-version-fr').isVisible()).toBe(true);
    expect(await phone.getByTestId('draft-version-nl').isVisible()).toBe(false);
    // The versions fit the width (the results table further down is another matter).
    const box = await phone.getByTestId('draft-versions').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(320);
    await shot(phone, 'phone');
  });
});
