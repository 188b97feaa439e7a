import { describe, expect, it } from 'vitest';
import { addRecommendation, browserSuite, codeOf, createSession, joinByCode, openDraft } from './harness.js';

/**
 * The user's path of the foundation: a facilitator creates a session and a
 * recommendation, two people join by code and co-edit it, an observer follows
 * read-only, and the interface switches to Dutch.
 */
const suite = browserSuite('');
const { newPage, shot } = suite;

describe('co-editing a recommendation in the browser', () => {
  it('two participants co-edit, an observer follows read-only, the UI switches to Dutch', async () => {
    suite.shootOnFailure();
    // Facilitator, in French.
    const facilitator = await newPage('fr-BE');
    await createSession(facilitator, suite.url, 'Table ronde logement', {
      fill: async (form) => {
        await form.locator('input[value="housing"]').check();
      },
    });
    await expect.poll(() => facilitator.getByTestId('session-title').textContent()).toBe('Table ronde logement');
    expect(await facilitator.locator('html').getAttribute('lang')).toBe('fr');

    const participantCode = await codeOf(facilitator, 'participant');
    const observerCode = await codeOf(facilitator, 'observer');
    expect(participantCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await facilitator.getByTestId('qr-participant').waitFor();
    await facilitator.getByTestId('qr-observer').waitFor();

    await addRecommendation(facilitator, 'Accès au logement', async (form) => {
      await form.locator('select[name="theme"]').selectOption('housing');
    });
    await shot(facilitator, 'facilitator-session');

    // Two participants join by code, from two contexts.
    const bram = await newPage('nl-BE');
    await joinByCode(bram, suite.url, participantCode, 'Bram');
    const fatima = await newPage('fr-BE');
    await joinByCode(fatima, suite.url, participantCode, 'Fatima');
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
    await joinByCode(observer, suite.url, observerCode, 'Chloé');
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
