import { beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { joinedAs, meetingSuite, scrollWidth, voteAndClose } from './meetingSetup.js';

/**
 * A phone at 320 CSS pixels (the narrowest in use): nothing scrolls sideways, joining lands
 * on the session's heading with "now in the meeting" in view, the hand and the open vote are
 * one tap away wherever one has scrolled, and past votes are folded.
 */
const PHONE = { width: 320, height: 640 };
const suite = meetingSuite(
  'phone',
  {
    title: 'Table ronde sur l’accessibilité des logements sociaux',
    language: 'fr',
    recommendation: 'Garantir l’accès au logement sans discrimination',
  },
  async (meeting) => {
    // One closed vote split by group (the widest table), then an open one.
    await voteAndClose(meeting);
    await voteAndClose(meeting, { close: false, question: 'Faut-il prolonger la séance de trente minutes ?' });
  },
);

async function phone(locale: string): Promise<Page> {
  const context = await suite.newContext({ locale, viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}
const shot = (page: Page, name: string) => suite.shot(page, name, false);

describe('on a 320 px phone', () => {
  beforeEach(() => suite.shootOnFailure('failure', false));

  it('scrolls no page sideways: session, results per group, a draft, home', async () => {
    const { meeting } = suite;
    for (const locale of ['fr-BE', 'nl-BE']) {
      const page = await phone(locale);
      await joinedAs(page, meeting.voters[0]!);
      await page.goto(`${suite.url}/s/${meeting.created.session.id}`);
      await page.getByTestId('session-title').waitFor();
      const closed = page.getByTestId('closed-vote');
      await closed.locator('summary').click();
      await closed.getByTestId('vote-groups').waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await closed.getByTestId('vote-groups').evaluate((e) => e.scrollIntoView());
      await shot(page, `${locale}-results`);
      // The group table itself fits: no sideways scrolling inside it either.
      const table = await closed.locator('.table-scroll').evaluate((e) => [e.scrollWidth, e.clientWidth]);
      expect(table[0]).toBeLessThanOrEqual(table[1]!);

      await page.goto(`${suite.url}/s/${meeting.created.session.id}/r/${meeting.recommendationId}`);
      await page.getByTestId('editor').waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, `${locale}-draft`);

      await page.goto(suite.url);
      await page.getByTestId('join-form').waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      // Join comes first: most people open the site with a code in hand.
      const joinTop = await page.getByTestId('join-form').boundingBox();
      const createTop = await page.getByTestId('create-form').boundingBox();
      expect(joinTop!.y).toBeLessThan(createTop!.y);
      await shot(page, `${locale}-home`);
    }
  });

  it('lands on the session heading after joining, with "now in the meeting" in view', async () => {
    const { meeting } = suite;
    const page = await phone('nl-BE');
    await page.goto(`${suite.url}/j/${meeting.created.codes.participant}`);
    const form = page.getByTestId('join-form');
    await form.locator('input[name="name"]').fill('Jan');
    // The submit button is far down a phone's screen: joining must not leave the page there.
    await form.locator('button[type="submit"]').scrollIntoViewIfNeeded();
    await form.locator('button[type="submit"]').click();
    await page.getByTestId('session-title').waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('session-title');
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const now = await page.getByTestId('meeting-now').boundingBox();
    const bar = await page.getByTestId('action-bar').boundingBox();
    expect(now!.y + now!.height).toBeLessThanOrEqual(bar!.y);
    await shot(page, 'nl-BE-joined');
  });

  it('keeps "Raise my hand" and the open vote one tap away, and folds closed votes', async () => {
    const { meeting } = suite;
    const page = await phone('fr-BE');
    await joinedAs(page, meeting.voters[1]!);
    await page.goto(`${suite.url}/s/${meeting.created.session.id}`);
    await page.getByTestId('session-title').waitFor();
    // Closed votes start folded; the open one is shown in full.
    await expect.poll(() => page.getByTestId('closed-vote').getAttribute('open')).toBeNull();
    expect(await page.getByTestId('closed-vote').getByTestId('vote-panel').count()).toBe(0);
    // At the very bottom of the page the bar is still on screen.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const bar = page.getByTestId('action-bar');
    const box = await bar.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height + 1);
    expect(box!.y).toBeGreaterThan(PHONE.height / 2);
    await shot(page, 'fr-BE-bottom');
    await bar.getByTestId('action-bar-raise').click();
    await bar.getByTestId('action-bar-lower').waitFor();
    await expect.poll(() => page.getByTestId('lower-hand').count()).toBe(1);
    await bar.getByTestId('action-bar-vote').click();
    await expect
      .poll(() =>
        page.evaluate(() => document.activeElement?.closest('[data-testid="vote-panel"]')?.getAttribute('data-status')),
      )
      .toBe('open');
    await shot(page, 'fr-BE-vote');
  });
});
