import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, joinByCode } from './harness.js';

/**
 * The user's path of facilitation: a facilitator creates a round table (its template agenda
 * appears), links a draft to an item, moves through two items with the timer running, a
 * participant raises a hand and gets the floor, an observer follows on a phone, and the
 * projector view (the facilitator's credentials, another browser) shows it all in large type.
 */
const suite = browserSuite('');
const { shot } = suite;

interface PageOptions {
  viewport?: { width: number; height: number };
  /** localStorage entries set before any script of the app runs. */
  storage?: Record<string, string>;
}

async function newPage(
  locale: string,
  { viewport = { width: 1100, height: 900 }, storage }: PageOptions = {},
): Promise<Page> {
  const context = await suite.newContext({ locale, viewport });
  if (storage) {
    await context.addInitScript((entries: Record<string, string>) => {
      for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
    }, storage);
  }
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** Polls as long as a locator waits (the page's default timeout), not vitest's 1 s: four browsers share 2 cores. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });

/** Seconds shown by a timer ("12:34 left", "+00:05 over time"), negative when over time. */
function timerSeconds(text: string): number {
  const m = /(\+?)(\d+):(\d\d)/.exec(text);
  if (!m) throw new Error(`no time in "${text}"`);
  const seconds = Number(m[2]) * 60 + Number(m[3]);
  return m[1] ? -seconds : seconds;
}

const SESSION = 'Table ronde emploi';
const DRAFT = 'Accès à l’emploi';
const DRAFT_TEXT = 'Reconnaître les diplômes obtenus à l’étranger.';

describe('facilitating a round table in the browser', () => {
  it('runs the agenda and the queue, and shows them on the projector view', async () => {
    suite.shootOnFailure('facilitation-failure');

    // The facilitator creates a round table, in French: its template agenda appears.
    const facilitator = await newPage('fr-BE');
    await facilitator.goto(suite.url);
    const create = facilitator.getByTestId('create-form');
    await create.locator('input[name="title"]').fill(SESSION);
    await create.locator('select[name="kind"]').selectOption('round_table');
    await create.locator('input[name="name"]').fill('Anne');
    await create.locator('button[type="submit"]').click();
    await facilitator.getByTestId('session-title').waitFor();
    const items = facilitator.getByTestId('agenda-item');
    await poll(() => items.count()).toBe(3);
    expect(await facilitator.getByTestId('agenda-item-title').allInnerTexts()).toEqual([
      'Tour de table',
      'Discussion',
      'Rédaction des recommandations',
    ]);
    const participantCode = (await facilitator.getByTestId('participant-code').textContent())!.trim();
    const observerCode = (await facilitator.getByTestId('observer-code').textContent())!.trim();
    const sessionId = new URL(facilitator.url()).pathname.split('/')[2]!;

    // A recommendation, linked to the discussion item in the agenda editor.
    const add = facilitator.getByTestId('add-recommendation-form');
    await add.locator('input[name="title"]').fill(DRAFT);
    await add.locator('button[type="submit"]').click();
    await facilitator.getByTestId('recommendation-list').getByRole('link', { name: DRAFT }).waitFor();
    await facilitator.getByTestId('agenda-edit').click();
    const second = facilitator.getByTestId('agenda-edit-row').nth(1);
    await second.locator('summary').click();
    await second.getByRole('checkbox', { name: DRAFT }).check();
    await facilitator.getByTestId('agenda-save').click();
    await facilitator.getByTestId('agenda-list').waitFor();
    await poll(() => items.nth(1).innerText()).toContain(DRAFT);

    // Item 1 becomes current, its timer runs; then "Next item" moves to item 2.
    await items.nth(0).getByTestId('agenda-make-current').click();
    await poll(() => items.nth(0).getAttribute('data-current')).toBe('true');
    expect(await items.nth(0).innerText()).toContain('Point en cours');
    await facilitator.getByTestId('agenda-next').click();
    await poll(() => items.nth(1).getAttribute('data-current')).toBe('true');
    expect(await items.nth(0).getAttribute('data-current')).toBe('false');
    expect(await items.nth(1).innerText()).toContain('Point en cours');
    await facilitator.getByTestId('timer-start').click();
    const facilitatorTimer = facilitator.getByTestId('agenda-timer');
    await poll(() => facilitatorTimer.getAttribute('data-state')).toBe('running');
    // 45 planned minutes, counting down.
    expect(timerSeconds(await facilitatorTimer.innerText())).toBeGreaterThan(44 * 60);
    expect(await facilitator.getByTestId('now-item').innerText()).toContain('Discussion');

    // A participant joins (in Dutch), writes in the draft and raises a hand.
    const bram = await newPage('nl-BE');
    await joinByCode(bram, suite.url, participantCode, 'Bram');
    await poll(() => bram.getByTestId('now-item').innerText()).toContain('Bespreking');
    await bram.getByTestId('recommendation-list').getByRole('link', { name: DRAFT }).click();
    await bram.getByTestId('editor').click();
    await bram.keyboard.type(DRAFT_TEXT);
    // The queue is beside the draft too.
    await bram.getByTestId('raise-hand-button').click();
    await bram.getByTestId('lower-hand').waitFor();
    expect(await bram.getByTestId('raise-hand').innerText()).toContain('nummer 1 van 1');

    const entry = facilitator.getByTestId('queue-entry');
    await poll(() => entry.allInnerTexts()).toEqual([expect.stringContaining('Bram')]);
    await facilitator.getByTestId('queue-next').click();
    for (const page of [facilitator, bram]) {
      await poll(() => page.getByTestId('floor-speaker-name').innerText()).toBe('Bram');
    }
    await poll(() => entry.count()).toBe(0);
    // The speaker may end their own turn: the button is theirs.
    await bram.getByTestId('floor-end').waitFor();
    await shot(facilitator, 'facilitation-facilitator');
    await shot(bram, 'facilitation-participant');

    // An observer follows on a phone: the meeting at a glance, at the top.
    const observer = await newPage('en-GB', { viewport: { width: 390, height: 844 } });
    await joinByCode(observer, suite.url, observerCode, 'Chloé');
    await poll(() => observer.getByTestId('now-item').innerText()).toContain('Discussion');
    await poll(() => observer.getByTestId('now-speaker').innerText()).toContain('Bram');
    expect(await observer.getByTestId('now-timer').getAttribute('data-state')).toBe('running');
    expect(await observer.getByTestId('raise-hand-button').count()).toBe(0);
    await shot(observer, 'facilitation-observer', false);

    // The facilitator's panel links to the projector view, which opens in a new tab.
    const link = facilitator.getByTestId('open-projector');
    expect(await link.getAttribute('href')).toBe(`/s/${sessionId}/screen`);
    expect(await link.getAttribute('target')).toBe('_blank');

    // The projector: another browser holding the facilitator's stored credentials.
    const stored = await facilitator.evaluate(() =>
      Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)!])),
    );
    expect(Object.keys(stored)).toContain(`roundtable.session.${sessionId}`);
    const screen = await newPage('fr-BE', { viewport: { width: 1600, height: 900 }, storage: stored });
    await screen.goto(`${suite.url}/s/${sessionId}/screen`);
    await poll(() => screen.getByTestId('screen-current-item').innerText()).toBe('Discussion');
    await poll(() => screen.getByTestId('screen-speaker').innerText()).toContain('Bram');
    await screen.getByTestId('screen-qr').waitFor();
    expect(await screen.getByTestId('screen-code').innerText()).toBe(participantCode);
    await poll(() => screen.getByTestId('screen-draft').innerText()).toContain(DRAFT_TEXT);
    // Read-only, and nobody's cursor.
    expect(await screen.getByTestId('screen-draft').getByTestId('editor').getAttribute('contenteditable')).toBe(
      'false',
    );
    // Same server clock: the projector and the facilitator show the same time, within a second.
    const screenTimer = screen.getByTestId('screen-timer');
    await poll(() => screenTimer.innerText()).toMatch(/\d\d:\d\d/);
    const [onScreen, onPanel] = [
      timerSeconds(await screenTimer.innerText()),
      timerSeconds(await facilitatorTimer.innerText()),
    ];
    expect(Math.abs(onScreen - onPanel)).toBeLessThanOrEqual(1);

    // The draft is edited live on the wall too.
    await bram.getByTestId('editor').click();
    await bram.keyboard.press('End');
    await bram.keyboard.type(' Sans délai.');
    await poll(() => screen.getByTestId('screen-draft').innerText()).toContain('Sans délai.');
    await shot(screen, 'projector', false);

    // The speaker ends their turn; every screen follows.
    await bram.getByTestId('floor-end').click();
    await poll(() => screen.getByTestId('screen-speaker').innerText()).toContain('Personne');
    await poll(() => facilitator.getByTestId('floor-speaker-name').innerText()).toBe("Personne n'a la parole.");

    // A vote with live results appears on the wall as ballots come in.
    await facilitator.getByTestId('open-vote-toggle').click();
    const form = facilitator.getByTestId('open-vote-form');
    await form.locator('select[name="recommendationId"]').selectOption({ label: DRAFT });
    await form.getByTestId('open-vote-submit').click();
    const ballot = bram.getByTestId('ballot-form');
    await ballot.locator('input[type="radio"][value="for"]').check();
    await ballot.getByTestId('ballot-submit').click();
    await poll(() => ballot.getByTestId('ballot-recorded').innerText()).not.toBe('');
    const projected = screen.getByTestId('screen-vote');
    await poll(() => projected.getByTestId('vote-summary').innerText()).toBe('1 pour, 0 contre, 0 abstention');
    await shot(screen, 'projector-vote', false);
  });
});
