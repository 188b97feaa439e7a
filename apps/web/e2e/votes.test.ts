import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  addRecommendation,
  browserSuite,
  codeOf,
  createSession,
  joinByCode,
  openDraft,
  OUTPUT_DIR,
} from './harness.js';

/**
 * The user's path of a vote: two participants co-edit a recommendation, the facilitator puts
 * it to a vote (which freezes the text), both vote, an observer follows the live result, the
 * facilitator closes the vote, records the decision and downloads the report.
 */
const suite = browserSuite('votes', { acceptDownloads: true });
const { newPage, shot } = suite;

const TITLE = 'Accès au logement';
const LINE_1 = 'Gelijke toegang tot huisvesting.';
const LINE_2 = 'Sans discrimination.';

describe('voting on a recommendation in the browser', () => {
  it('freezes the text, takes two ballots, shows the live result, decides and reports', async () => {
    suite.shootOnFailure();

    // The facilitator creates a French session and a recommendation.
    const facilitator = await newPage('fr-BE');
    await createSession(facilitator, suite.url, 'Table ronde logement');
    const participantCode = await codeOf(facilitator, 'participant');
    const observerCode = await codeOf(facilitator, 'observer');
    await addRecommendation(facilitator, TITLE);

    // Two participants co-edit it.
    const bram = await newPage('nl-BE');
    await joinByCode(bram, suite.url, participantCode, 'Bram');
    const fatima = await newPage('fr-BE');
    await joinByCode(fatima, suite.url, participantCode, 'Fatima');
    await openDraft(bram, TITLE);
    await openDraft(fatima, TITLE);
    await expect.poll(() => bram.getByTestId('connection-state').getAttribute('data-state')).toBe('connected');
    await expect.poll(() => fatima.getByTestId('connection-state').getAttribute('data-state')).toBe('connected');
    await bram.getByTestId('editor').click();
    await bram.keyboard.type(LINE_1);
    await expect.poll(() => fatima.getByTestId('editor').innerText()).toContain(LINE_1);
    await fatima.getByTestId('editor').click();
    await fatima.keyboard.press('End');
    await fatima.keyboard.press('Enter');
    await fatima.keyboard.type(LINE_2);
    for (const page of [bram, fatima]) {
      await expect.poll(() => page.getByTestId('editor').innerText()).toContain(LINE_2);
    }

    // An observer follows from the session page, in English.
    const observer = await newPage('en-GB');
    await joinByCode(observer, suite.url, observerCode, 'Chloé');
    await observer.getByTestId('votes-section').waitFor();

    // The facilitator opens an approval vote from the draft page's shortcut.
    await openDraft(facilitator, TITLE);
    await expect.poll(() => facilitator.getByTestId('editor').innerText()).toContain(LINE_2);
    await facilitator.getByTestId('open-vote-toggle').click();
    const form = facilitator.getByTestId('open-vote-form');
    expect(await form.locator('select[name="method"]').inputValue()).toBe('approval');
    expect(await form.locator('select[name="recommendationId"]').inputValue()).not.toBe('');
    await shot(facilitator, 'open-form');
    await form.getByTestId('open-vote-submit').click();
    const facilitatorPanel = facilitator.getByTestId('vote-panel');
    await expect.poll(() => facilitatorPanel.getAttribute('data-status')).toBe('open');
    const voteId = await facilitatorPanel.getAttribute('data-vote-id');
    expect(voteId).toBeTruthy();

    // Both participants see the vote appear, the frozen text beside the ballot, and a read-only draft.
    for (const page of [bram, fatima]) {
      const panel = page.locator(`[data-testid="vote-panel"][data-vote-id="${voteId}"]`);
      await panel.waitFor();
      const frozen = panel.getByTestId('frozen-text');
      await expect.poll(() => frozen.innerText()).toContain(LINE_1);
      expect(await frozen.innerText()).toContain(LINE_2);
      await expect.poll(() => page.getByTestId('recommendation-status').getAttribute('data-status')).toBe('voting');
      await expect.poll(() => page.getByTestId('draft-frozen-notice').innerText()).not.toBe('');
      await expect.poll(() => page.getByTestId('editor').getAttribute('contenteditable')).toBe('false');
    }
    await shot(fatima, 'participant-ballot');

    // One votes for, the other against; each is told once the server has stored it.
    const castBallot = async (page: Page, choice: 'for' | 'against') => {
      const ballot = page.locator(`[data-testid="vote-panel"][data-vote-id="${voteId}"]`).getByTestId('ballot-form');
      await ballot.locator(`input[type="radio"][value="${choice}"]`).check();
      await ballot.getByTestId('ballot-submit').click();
      await expect.poll(() => ballot.getByTestId('ballot-recorded').innerText()).not.toBe('');
      expect(await ballot.getByTestId('ballot-recorded').getAttribute('data-changed')).toBe('false');
    };
    await castBallot(bram, 'for');
    await castBallot(fatima, 'against');
    await shot(bram, 'participant-recorded');

    // The observer sees the live result, in words (bars only repeat them), and no ballot.
    const observed = observer.locator(`[data-testid="vote-panel"][data-vote-id="${voteId}"]`);
    await observed.waitFor();
    const summary = observed.getByTestId('vote-summary');
    await expect.poll(() => summary.innerText()).toContain('1 for');
    expect(await summary.innerText()).toContain('1 against');
    expect(await observed.getByTestId('vote-results').innerText()).toMatch(/50\s?%/);
    expect(await observed.getByTestId('ballot-form').count()).toBe(0);
    await expect.poll(() => observed.getByTestId('vote-turnout').innerText()).toContain('2 ballots');
    await expect.poll(() => observer.getByTestId('recommendation-status').getAttribute('data-status')).toBe('voting');
    await shot(observer, 'observer-live-result');

    // The facilitator closes the vote and records the decision; everyone sees the new status.
    await facilitatorPanel.getByTestId('vote-close').click();
    await expect.poll(() => facilitatorPanel.getAttribute('data-status')).toBe('closed');
    await expect.poll(() => observed.getAttribute('data-status')).toBe('closed');
    // Closed, not decided yet: the draft stays frozen, and says it awaits the decision.
    await expect
      .poll(() => observer.getByTestId('recommendation-status').getAttribute('data-status'))
      .toBe('awaiting_decision');
    await expect.poll(() => bram.getByTestId('recommendation-status').innerText()).toMatch(/beslissing volgt/);
    expect(await bram.getByTestId('draft-frozen-notice').innerText()).toMatch(
      /tot de moderator de beslissing vastlegt/,
    );
    expect(await bram.getByTestId('editor').getAttribute('contenteditable')).toBe('false');
    // 1 for, 1 against is not carried: adopting it anyway asks for the reason (api-v1 1.1).
    await facilitatorPanel.getByTestId('decide-adopted').click();
    await facilitatorPanel.getByTestId('decide-reason').fill('Le conseil a trouvé le budget.');
    await facilitatorPanel.getByTestId('decide-with-reason').click();
    await expect.poll(() => facilitatorPanel.getByTestId('decide-adopted').getAttribute('aria-pressed')).toBe('true');
    for (const page of [bram, fatima, observer]) {
      await expect.poll(() => page.getByTestId('recommendation-status').getAttribute('data-status')).toBe('adopted');
    }
    await expect.poll(() => bram.getByTestId('editor').getAttribute('contenteditable')).toBe('false');
    expect(await bram.getByTestId('editor').innerText()).toContain(LINE_2);
    await shot(facilitator, 'facilitator-decided');
    await shot(bram, 'participant-adopted');

    // The facilitator downloads the Markdown report: the text voted on and the tally are in it.
    await facilitator
      .getByRole('link', { name: /recommandations/i })
      .first()
      .click();
    const reportButton = facilitator.getByTestId('report-md');
    await reportButton.waitFor();
    const [download] = await Promise.all([facilitator.waitForEvent('download'), reportButton.click()]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const saved = join(OUTPUT_DIR, 'votes-report.md');
    await download.saveAs(saved);
    const report = await readFile(saved, 'utf8');
    expect(report).toContain(LINE_1);
    expect(report).toContain(LINE_2);
    // The session is in French, so is its report: 1 pour, 1 contre, 0 abstention.
    expect(report).toMatch(/pour\D{0,12}1|1\D{0,12}pour/i);
    expect(report).toMatch(/contre\D{0,12}1|1\D{0,12}contre/i);
    expect(report).toMatch(/abstention\D{0,12}0|0\D{0,12}abstention/i);
    await shot(facilitator, 'facilitator-report');
  });

  it('ranks by keyboard, counts dots against the budget, asks a reason for a block, hides on_close results', async () => {
    suite.shootOnFailure('methods-failure');
    const facilitator = await newPage('en-GB');
    await createSession(facilitator, suite.url, 'Priorities');
    const participantCode = await codeOf(facilitator, 'participant');
    const participant = await newPage('en-GB');
    await joinByCode(participant, suite.url, participantCode, 'Bram');

    const openVote = async (fill: (form: ReturnType<Page['getByTestId']>) => Promise<void>) => {
      await facilitator.getByTestId('open-vote-toggle').click();
      const form = facilitator.getByTestId('open-vote-form');
      await fill(form);
      await form.getByTestId('open-vote-submit').click();
      await form.waitFor({ state: 'detached' });
      return facilitator.getByTestId('vote-panel').first().getAttribute('data-vote-id');
    };
    const panelOf = (page: Page, id: string | null) => page.locator(`[data-testid="vote-panel"][data-vote-id="${id}"]`);

    // Ranking, results on close: the participant moves "Health" to the top with the keyboard.
    const rankingId = await openVote(async (form) => {
      await form.locator('select[name="method"]').selectOption('ranking');
      await form.locator('input[name="target"][value="question"]').check();
      await form.locator('input[name="question"]').fill('Which theme first?');
      await form.locator('textarea[name="options"]').fill('Employment\nHousing\nHealth');
      await form.locator('input[name="results"][value="on_close"]').check();
    });
    const ranking = panelOf(participant, rankingId);
    await ranking.getByTestId('ballot-form').waitFor();
    expect(await ranking.getByTestId('vote-results-hidden').innerText()).toMatch(/hidden until the vote closes/i);
    await ranking.getByRole('button', { name: 'Move up: Health' }).focus();
    await participant.keyboard.press('Enter');
    await participant.keyboard.press('Enter'); // focus stays on the moved option's button
    await expect
      .poll(() => ranking.locator('.ranking__label').allInnerTexts())
      .toEqual(['Health', 'Employment', 'Housing']);
    await ranking.getByTestId('ballot-submit').click();
    await expect.poll(() => ranking.getByTestId('ballot-recorded').innerText()).not.toBe('');
    // The facilitator sees the tally before the close; the participant does not.
    await expect
      .poll(() => panelOf(facilitator, rankingId).getByTestId('vote-outcome').innerText())
      .toContain('Health');
    expect(await ranking.getByTestId('vote-results').getAttribute('data-hidden')).toBe('true');
    await shot(participant, 'ranking');
    await panelOf(facilitator, rankingId).getByTestId('vote-close').click();
    await expect.poll(() => ranking.getByTestId('vote-outcome').innerText()).toContain('Condorcet winner: “Health”');

    // Dots with a budget of 3: over the budget is refused before sending.
    const dotsId = await openVote(async (form) => {
      await form.locator('select[name="method"]').selectOption('dots');
      await form.locator('input[name="target"][value="question"]').check();
      await form.locator('textarea[name="options"]').fill('Employment\nHousing');
      await form.locator('input[name="dotsBudget"]').fill('3');
    });
    const dots = panelOf(participant, dotsId);
    const inputs = dots.locator('input[type="number"]');
    await inputs.nth(0).fill('2');
    await inputs.nth(1).fill('2');
    expect(await dots.getByTestId('dots-left').innerText()).toContain('1 dot too many');
    await dots.getByTestId('ballot-submit').click();
    await dots.getByRole('alert').waitFor();
    await inputs.nth(1).fill('1');
    expect(await dots.getByTestId('dots-left').innerText()).toContain('0 dots left out of 3');
    await dots.getByTestId('ballot-submit').click();
    await expect.poll(() => dots.getByTestId('ballot-recorded').innerText()).not.toBe('');
    await expect.poll(() => dots.getByTestId('vote-results').innerText()).toMatch(/2 dots[\s\S]*1 dot/);
    await shot(participant, 'dots');

    // Consent: a block needs a reason, which only the facilitator then reads.
    const consentId = await openVote(async (form) => {
      await form.locator('select[name="method"]').selectOption('consent');
      await form.locator('input[name="target"][value="question"]').check();
      await form.locator('input[name="question"]').fill('Adopt the plan?');
      await form.locator('input[name="minutes"]').fill('5');
      await form.locator('input[name="quorum"]').fill('2');
    });
    const consent = panelOf(participant, consentId);
    // Timed: a countdown from the server's closing time; a quorum of 2 is not met by 1 ballot.
    const countdown = consent.getByTestId('vote-countdown');
    await expect.poll(() => countdown.innerText()).toMatch(/Closes in [45]:\d\d/);
    const shown = await countdown.innerText();
    await expect.poll(() => countdown.innerText()).not.toBe(shown);
    await consent.locator('input[type="radio"][value="block"]').check();
    await consent.getByTestId('ballot-submit').click();
    await consent.getByRole('alert').waitFor();
    await consent.locator('textarea[name="reason"]').fill('Too vague on funding');
    await consent.getByTestId('ballot-submit').click();
    await expect.poll(() => consent.getByTestId('ballot-recorded').innerText()).not.toBe('');
    // api-v1 1.1: with the quorum not met there is no outcome to show, "blocked" included.
    await expect.poll(() => consent.getByTestId('vote-outcome').innerText()).toContain('quorum');
    expect(await consent.getByTestId('vote-outcome').getAttribute('data-outcome')).toBe('none');
    expect(await consent.getByTestId('vote-quorum').getAttribute('data-met')).toBe('false');
    expect(await consent.getByTestId('vote-results').innerText()).not.toContain('Too vague on funding');
    await expect
      .poll(() => panelOf(facilitator, consentId).getByTestId('vote-results').innerText())
      .toContain('Too vague on funding');
    await shot(facilitator, 'consent-facilitator');
  });
});
