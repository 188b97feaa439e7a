import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations, launchChromium, OUTPUT_DIR, startServer, type RunningServer } from './harness.js';
import { joinedAs, type Meeting, scrollWidth, setUpMeeting, writeDraft } from './meetingSetup.js';

/**
 * Amendments and history in the browser (issue #14): a participant on a phone selects a passage
 * of the draft and proposes a change; everyone sees it struck and marked, in words; the
 * facilitator accepts it and another participant's editor shows the new text; the history
 * compares the versions word by word; someone who had left sees what changed since; an
 * amendment whose passage was edited meanwhile is refused with the reason said.
 */
const PHONE = { width: 360, height: 740 };
let server: RunningServer;
let browser: Browser;
let meeting: Meeting;
const contexts: BrowserContext[] = [];

const TITLE = 'Garantir un accès rapide au logement';

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  meeting = await setUpMeeting(server.url, { title: 'Table ronde logement', language: 'fr', recommendation: TITLE });
  // A second paragraph, so the draft is more than its title.
  await writeDraft(
    server.url,
    meeting.created.session.id,
    meeting.recommendationId,
    meeting.facilitator.token,
    'Les communes publient chaque année leurs listes d’attente.',
  );
});
afterAll(async () => {
  meeting?.close();
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function newPage(options: { phone?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext(
    options.phone
      ? { locale: 'fr-BE', viewport: PHONE, isMobile: true, hasTouch: true }
      : { locale: 'fr-BE', viewport: { width: 1100, height: 900 } },
  );
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}
const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(OUTPUT_DIR, `amendments-${name}.png`), fullPage: true });

const draftUrl = () => `${server.url}/s/${meeting.created.session.id}/r/${meeting.recommendationId}`;
async function openDraft(page: Page): Promise<void> {
  await page.goto(draftUrl());
  await page.getByTestId('editor').waitFor();
  await expect.poll(() => page.getByTestId('connection-state').getAttribute('data-state')).toBe('connected');
  await expect.poll(() => page.getByTestId('editor').innerText()).toContain('listes d’attente');
}

/** Selects `passage` in the draft's editor as a person would with the selection handles. */
async function selectInEditor(page: Page, passage: string): Promise<void> {
  await page.getByTestId('editor').evaluate((editor, wanted) => {
    const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = document.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`"${wanted}" is not in the editor`);
  }, passage);
}

const card = (page: Page, n = 0) => page.getByTestId('amendment').nth(n);

describe('amendments and history', () => {
  it('proposes from a selection on a phone, accepts, shows the new text and the diff', async () => {
    onTestFailed(async () => {
      let i = 0;
      for (const c of contexts) for (const p of c.pages()) await shot(p, `failure-${i++}`).catch(() => undefined);
    });
    const facilitator = await newPage();
    await joinedAs(facilitator, meeting.facilitator);
    await openDraft(facilitator);
    // The facilitator keeps the text as it is before the amendments.
    await facilitator.getByTestId('history-toggle').click();
    await facilitator.getByTestId('save-version-label').fill('Avant les amendements');
    await facilitator.getByTestId('save-version-submit').click();
    await expect.poll(() => facilitator.getByTestId('history-version').count()).toBe(1);

    // Someone who reads the draft now, then leaves, will be told what changed.
    const returning = await newPage();
    await joinedAs(returning, meeting.voters[2]!);
    await openDraft(returning);
    await returning.goto(`${server.url}/s/${meeting.created.session.id}`);
    await returning.getByTestId('session-title').waitFor();

    const other = await newPage();
    await joinedAs(other, meeting.voters[1]!);
    await openDraft(other);

    // On the phone: select "rapide", and the button to propose a change appears.
    const phone = await newPage({ phone: true });
    await joinedAs(phone, meeting.voters[0]!);
    await openDraft(phone);
    expect(await phone.getByTestId('propose-from-selection').count()).toBe(0);
    await selectInEditor(phone, 'rapide');
    const propose = phone.getByTestId('propose-from-selection');
    await propose.waitFor();
    expect(await propose.isVisible()).toBe(true);
    await shot(phone, 'phone-selection');
    await propose.click();
    const form = phone.getByTestId('amendment-form');
    expect(await form.getByTestId('amendment-original').inputValue()).toBe('rapide');
    // The replacement field has the focus, with the passage to edit.
    expect(await phone.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'amendment-replacement',
    );
    await form.getByTestId('amendment-replacement').fill('égal');
    await form.getByTestId('amendment-reason').fill('L’égalité plutôt que la vitesse.');
    await form.getByTestId('amendment-submit').click();

    // Everyone sees it: the passage struck and the new one marked, both said in words.
    for (const page of [phone, facilitator, other]) {
      await card(page).waitFor();
      expect(await card(page).getByTestId('amendment-deleted').innerText()).toContain('rapide');
      expect(await card(page).getByTestId('amendment-inserted').innerText()).toContain('égal');
      expect(await card(page).getAttribute('data-status')).toBe('proposed');
    }
    expect(await card(other).innerText()).toMatch(/Remplacer\s*:[\s\S]*texte supprimé\s*:\s*rapide/);
    expect(await card(other).innerText()).toContain('Voter 1');
    expect(await card(phone).getByTestId('amendment-decision').count()).toBe(0);
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(PHONE.width);
    await phone.getByTestId('amendments-section').evaluate((e) => e.scrollIntoView());
    await shot(phone, 'phone-list');
    await expectNoAxeViolations(phone, 'the draft on a phone with an amendment proposed');
    await expectNoAxeViolations(facilitator, 'the draft with an amendment to decide (facilitator)');

    // The facilitator accepts it: the change lands in every editor.
    await card(facilitator).getByTestId('amendment-accept').click();
    for (const page of [facilitator, other, phone]) {
      await expect.poll(() => card(page).getAttribute('data-status')).toBe('accepted');
      await expect.poll(() => page.getByTestId('editor').innerText()).toContain('Garantir un accès égal au logement');
    }
    expect(await other.getByTestId('editor').innerText()).not.toContain('rapide');
    expect(await card(other).getByTestId('amendment-status').innerText()).toContain('Accepté par consensus');

    // The history compares the saved version with the one the amendment made.
    await expect.poll(() => facilitator.getByTestId('history-versions').innerText()).toContain('amendement accepté');
    const diff = facilitator.getByTestId('history-diff');
    await expect.poll(() => diff.locator('del').count()).toBeGreaterThan(0);
    expect(await diff.locator('del').first().innerText()).toContain('rapide');
    expect(await diff.locator('ins').first().innerText()).toContain('égal');
    await facilitator.getByTestId('history-section').evaluate((e) => e.scrollIntoView());
    await shot(facilitator, 'history');
    await expectNoAxeViolations(facilitator, 'the history with a diff (facilitator)');

    await phone.getByTestId('history-toggle').click();
    const phoneDiff = phone.getByTestId('history-diff');
    await expect.poll(() => phoneDiff.locator('ins').count()).toBeGreaterThan(0);
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(PHONE.width);
    await phone.getByTestId('history-section').evaluate((e) => e.scrollIntoView());
    await shot(phone, 'phone-history');
    await expectNoAxeViolations(phone, 'the history on a phone');

    // Back to the draft, the one who had left is shown what changed since.
    await openDraft(returning);
    const since = returning.getByTestId('changes-since');
    await since.waitFor();
    expect(await since.locator('del').first().innerText()).toContain('rapide');
    expect(await since.locator('ins').first().innerText()).toContain('égal');
    await shot(returning, 'changes-since');
    await expectNoAxeViolations(returning, 'changes since the last visit');

    // The facilitator restores the saved version, after a confirmation: a new edit everyone sees.
    const kept = await facilitator.getByTestId('history-version').count();
    const saved = facilitator.locator('[data-testid="history-version"][data-reason="saved"]');
    await saved.getByTestId('restore-version').click();
    const dialog = facilitator.locator('dialog[open][data-testid="restore-dialog"]');
    await dialog.waitFor();
    await expectNoAxeViolations(facilitator, 'the restore confirmation');
    await dialog.getByTestId('restore-dialog-confirm').click();
    for (const page of [facilitator, other]) {
      await expect.poll(() => page.getByTestId('editor').innerText()).toContain('Garantir un accès rapide au logement');
    }
    // History is never rewritten: the restore is one more version.
    await expect.poll(() => facilitator.getByTestId('history-version').count()).toBe(kept + 1);
  });

  it('refuses an amendment whose passage was edited meanwhile, and says why', async () => {
    const phone = await newPage({ phone: true });
    await joinedAs(phone, meeting.voters[0]!);
    await openDraft(phone);
    // Typed rather than selected: the fallback.
    await phone.getByTestId('amendment-propose-toggle').click();
    const form = phone.getByTestId('amendment-form');
    await form.getByTestId('amendment-original').fill('chaque année');
    await form.getByTestId('amendment-replacement').fill('chaque trimestre');
    await form.getByTestId('amendment-submit').click();
    const facilitator = await newPage();
    await joinedAs(facilitator, meeting.facilitator);
    await openDraft(facilitator);
    const pending = facilitator.locator('[data-testid="amendment"][data-status="proposed"]');
    await pending.waitFor();

    // Someone rewrites the passage before the facilitator gets to it.
    const editor = facilitator.getByTestId('editor');
    await editor.click();
    await selectInEditor(facilitator, 'chaque année');
    await facilitator.keyboard.type('tous les mois');
    await expect.poll(() => editor.innerText()).toContain('tous les mois');

    await pending.getByTestId('amendment-accept').click();
    const alert = pending.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('modifié entre-temps');
    expect(await pending.getAttribute('data-status')).toBe('proposed');
    await shot(facilitator, 'stale');
  });

  it('puts an amendment to a vote, then accepts it after the vote', async () => {
    const voter = await newPage({ phone: true });
    await joinedAs(voter, meeting.voters[1]!);
    await openDraft(voter);
    await voter.getByTestId('amendment-propose-toggle').click();
    const form = voter.getByTestId('amendment-form');
    await form.getByTestId('amendment-original').fill('Les communes');
    await form.getByTestId('amendment-replacement').fill('Les communes et les CPAS');
    await form.getByTestId('amendment-submit').click();

    const facilitator = await newPage();
    await joinedAs(facilitator, meeting.facilitator);
    await openDraft(facilitator);
    const amendment = facilitator.locator('[data-testid="amendment"][data-status="proposed"]', {
      hasText: 'les CPAS',
    });
    await amendment.getByTestId('amendment-put-to-vote').click();
    // The vote appears on the amendment, for the voter too; no decision while it is open.
    await amendment.getByTestId('vote-panel').waitFor();
    expect(await amendment.getByTestId('amendment-accept').count()).toBe(0);
    const onVoter = voter.locator('[data-testid="amendment"][data-status="proposed"]', { hasText: 'les CPAS' });
    const ballot = onVoter.getByTestId('ballot-form');
    await ballot.locator('input[type="radio"][value="for"]').check();
    await ballot.getByTestId('ballot-submit').click();
    await expect.poll(() => ballot.getByTestId('ballot-recorded').innerText()).not.toBe('');
    await expectNoAxeViolations(voter, 'an amendment put to a vote, on a phone');

    await amendment.getByTestId('vote-close').click();
    await amendment.getByTestId('amendment-accept').click();
    const decided = facilitator.locator('[data-testid="amendment"]', { hasText: 'les CPAS' });
    await expect.poll(() => decided.getAttribute('data-status')).toBe('accepted');
    expect(await decided.getByTestId('amendment-status').innerText()).toContain('Accepté après un vote');
    await expect.poll(() => voter.getByTestId('editor').innerText()).toContain('Les communes et les CPAS');
  });
});
