import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MeetingState, VoteDto } from '@roundtable/protocol';
import { joinedAs, type Meeting, meetingSuite, must, setUpMeeting } from './meetingSetup.js';

/**
 * The wall of the room: a vote's result stays up after it closes, until the facilitator moves
 * on, and the whole of it (per-group table included) fits a 1920×1080 and a 1280×720 screen.
 */
const SCREENS = [
  { width: 1920, height: 1080, locale: 'fr-BE' },
  { width: 1280, height: 720, locale: 'nl-BE' },
] as const;
const suite = meetingSuite('projector', {
  title: 'Rondetafel over de toegankelijkheid van sociale huisvesting in Brussel',
  language: 'nl',
  recommendation: 'Gelijke toegang tot huisvesting zonder discriminatie op grond van afkomst',
});
beforeEach(() => suite.shootOnFailure('failure', false));

const shot = (page: Page, name: string) => suite.shot(page, name, false);

async function projector(screen: (typeof SCREENS)[number]): Promise<Page> {
  const { meeting } = suite;
  const context = await suite.newContext({
    locale: screen.locale,
    viewport: { width: screen.width, height: screen.height },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await joinedAs(page, meeting.facilitator);
  await page.goto(`${suite.url}/s/${meeting.created.session.id}/screen`);
  await page.getByTestId('screen-title').waitFor();
  return page;
}

/** Everything of `selector` is inside the viewport, and nothing scrolls. */
async function fitsOnScreen(page: Page, selector: string): Promise<void> {
  const box = await page.locator(selector).boundingBox();
  const viewport = page.viewportSize()!;
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
  expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
  const scroll = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.scrollHeight,
  ]);
  expect(scroll[0]).toBeLessThanOrEqual(viewport.width);
  expect(scroll[1]).toBeLessThanOrEqual(viewport.height);
}

describe('the projector', () => {
  it('keeps a closed vote on the wall until the facilitator moves on, and it fits both screens', async () => {
    const { meeting } = suite;
    const pages = await Promise.all(SCREENS.map((s) => projector(s)));
    const fac = await meeting.socket(meeting.facilitator.token);
    const { vote } = await must<{ vote: VoteDto }>(fac, 'vote:open', {
      method: 'approval',
      recommendationId: meeting.recommendationId,
      splitByGroup: true,
    });
    for (const page of pages) await page.getByTestId('screen-vote').waitFor();
    const choices = ['for', 'for', 'against', 'abstain'] as const;
    for (const [i, voter] of meeting.voters.entries()) {
      const s = await meeting.socket(voter.token);
      await must(s, 'vote:cast', { voteId: vote.id, ballot: { choice: choices[i % choices.length] } });
    }
    await must(fac, 'vote:close', { voteId: vote.id });

    for (const [i, page] of pages.entries()) {
      const screen = SCREENS[i]!;
      await expect.poll(() => page.getByTestId('screen-vote').getAttribute('data-status')).toBe('closed');
      await page.getByTestId('screen-vote').getByTestId('vote-groups').waitFor();
      await fitsOnScreen(page, '[data-testid="screen-vote"]');
      // The per-group table shows every column: nothing hidden in a sideways scroll.
      const table = await page
        .getByTestId('screen-vote')
        .locator('.table-scroll')
        .evaluate((e) => [e.scrollWidth, e.clientWidth]);
      expect(table[0]).toBeLessThanOrEqual(table[1]!);
      await shot(page, `${screen.locale}-${screen.width}x${screen.height}-closed`);
      // Titles wrap between words only.
      const broken = await page.evaluate(
        () =>
          [...document.querySelectorAll('.projector h1, .projector h2, .projector__item')].filter(
            (e) => getComputedStyle(e).overflowWrap === 'anywhere' || getComputedStyle(e).wordBreak === 'break-all',
          ).length,
      );
      expect(broken).toBe(0);
    }

    // A reload right after the close keeps it too.
    await pages[1]!.reload();
    await expect.poll(() => pages[1]!.getByTestId('screen-vote').getAttribute('data-status')).toBe('closed');

    // The facilitator moves on to another item: the result leaves the wall.
    const { state } = await must<{ state: MeetingState }>(fac, 'meeting:get', {});
    await must(fac, 'agenda:current', { itemId: state.agenda[1]!.id });
    for (const page of pages) await expect.poll(() => page.getByTestId('screen-vote').count()).toBe(0);
  });
});

describe('the projector in a bilingual session', () => {
  const TITLE = 'Accès au logement';
  const TITLE_NL = 'Toegang tot huisvesting';
  let bilingual: Meeting;
  beforeAll(async () => {
    bilingual = await setUpMeeting(suite.url, {
      title: 'Table ronde fédérale',
      language: 'fr',
      recommendation: TITLE,
      second: { language: 'nl', title: TITLE_NL, text: 'Gelijke toegang tot huisvesting.' },
    });
  });
  afterAll(() => bilingual?.close());

  it("titles the draft and the vote in the reader's language, and switches the version shown", async () => {
    const context = await suite.newContext({ locale: 'fr-BE', viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await joinedAs(page, bilingual.facilitator);
    await page.goto(`${suite.url}/s/${bilingual.created.session.id}/screen`);
    await page.getByTestId('screen-title').waitFor();
    const fac = await bilingual.socket(bilingual.facilitator.token);
    const { state } = await must<{ state: MeetingState }>(fac, 'meeting:get', {});
    const drafting = state.agenda.find((i) => i.kind === 'drafting')!;
    await must(fac, 'agenda:current', { itemId: drafting.id });

    const draft = page.getByTestId('screen-draft');
    const heading = draft.getByRole('heading', { level: 2 });
    const version = page.getByTestId('screen-draft-version');
    await expect.poll(() => heading.innerText()).toBe(TITLE);
    await expect.poll(() => version.innerText()).toContain(`${TITLE}.`);
    expect(await version.getAttribute('lang')).toBe('fr');
    // The version switch shows the Dutch text, the heading stays in the reader's language.
    await page.getByTestId('screen-version-switch-nl').click();
    await expect.poll(() => version.innerText()).toContain('Gelijke toegang tot huisvesting.');
    expect(await version.getAttribute('lang')).toBe('nl');
    expect(await heading.innerText()).toBe(TITLE);
    await shot(page, 'bilingual-fr-version-nl');
    // A Dutch reader (the interface switched to nl) gets the Dutch title.
    await page.getByTestId('lang-switch-nl').click();
    await expect.poll(() => heading.innerText()).toBe(TITLE_NL);
    await page.getByTestId('screen-version-switch-fr').click();
    await expect.poll(() => version.getAttribute('lang')).toBe('fr');
    await shot(page, 'bilingual-nl-version-fr');

    // The vote's heading too, in each language.
    await must<{ vote: VoteDto }>(fac, 'vote:open', {
      method: 'approval',
      recommendationId: bilingual.recommendationId,
      overrideLanguages: true,
    });
    const voteTitle = page.getByTestId('screen-vote').getByRole('heading', { level: 2 });
    await expect.poll(() => voteTitle.innerText()).toContain(TITLE_NL);
    await shot(page, 'bilingual-nl-vote');
    await page.getByTestId('lang-switch-fr').click();
    await expect.poll(() => voteTitle.innerText()).toContain(TITLE);
    expect(await voteTitle.innerText()).not.toContain(TITLE_NL);
  });
});
