import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { VoteDto } from '@roundtable/protocol';
import { OUTPUT_DIR } from './harness.js';
import { joinedAs, meetingSuite, must } from './meetingSetup.js';

/**
 * Where the focus goes after the facilitator's "Add" and "Close the vote" (issue #12): to the
 * field of the new thing, or to the final result, said to screen readers, and nothing typed
 * right after pressing is lost while the page re-renders.
 */
const suite = meetingSuite('focus', {
  title: 'Table ronde emploi',
  language: 'fr',
  recommendation: 'Reconnaître les diplômes',
});

async function facilitatorPage(width: number): Promise<Page> {
  const { meeting } = suite;
  const page = await suite.newPage('fr-BE', width);
  await joinedAs(page, meeting.facilitator);
  await page.goto(`${suite.url}/s/${meeting.created.session.id}`);
  await page.getByTestId('session-title').waitFor();
  return page;
}

/** What has the focus: its test id or tag, and the value of a field. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    return {
      testId: e?.dataset.testid ?? null,
      tag: e?.tagName.toLowerCase() ?? null,
      name: e?.getAttribute('name') ?? null,
      value: e instanceof HTMLInputElement ? e.value : null,
    };
  });

describe('focus after the facilitator acts', () => {
  it('keeps the focus in the title after "Add" and loses nothing typed at once', async () => {
    suite.shootOnFailure();
    const page = await facilitatorPage(320);
    const form = page.getByTestId('add-recommendation-form');
    const title = form.locator('input[name="title"]');
    await title.fill('Premier emploi');
    await title.press('Enter');
    // Typed straight away, while the first one is being sent and the list re-renders.
    await page.keyboard.type('Stages rémunérés');
    const list = page.getByTestId('recommendation-list');
    await list.getByRole('link', { name: 'Premier emploi' }).waitFor();
    expect(await focused(page)).toMatchObject({ tag: 'input', name: 'title', value: 'Stages rémunérés' });
    expect(await page.getByTestId('add-recommendation-status').innerText()).toContain('Premier emploi');
    // And the second one goes through the same way.
    await page.keyboard.press('Enter');
    await list.getByRole('link', { name: 'Stages rémunérés' }).waitFor();
    expect(await focused(page)).toMatchObject({ name: 'title', value: '' });
    await expect.poll(() => page.getByTestId('add-recommendation-status').innerText()).toContain('Stages rémunérés');
    await page
      .getByTestId('add-recommendation-form')
      .locator('..')
      .screenshot({ path: join(OUTPUT_DIR, 'focus-added-320.png') });
  });

  it('puts "Add an item" on the new item\'s title, said to screen readers', async () => {
    const page = await facilitatorPage(1100);
    await page.getByTestId('agenda-edit').click();
    const rows = page.getByTestId('agenda-edit-row');
    await rows.first().waitFor();
    const before = await rows.count();
    await page.getByTestId('agenda-add').click();
    await page.keyboard.type('Pause café');
    expect(await rows.count()).toBe(before + 1);
    const newTitle = rows.nth(before).locator('input[name="title"]');
    expect(await newTitle.inputValue()).toBe('Pause café');
    expect(await newTitle.evaluate((e) => e === document.activeElement)).toBe(true);
    expect(await page.getByTestId('agenda-edit-announcer').innerText()).toBe(
      `Point ${before + 1} ajouté : donnez-lui un intitulé.`,
    );
    await rows.nth(before).screenshot({ path: join(OUTPUT_DIR, 'focus-agenda-added.png') });
  });

  it('moves the focus to the final result after "Close the vote"', async () => {
    const { meeting } = suite;
    const fac = await meeting.socket(meeting.facilitator.token);
    const { vote } = await must<{ vote: VoteDto }>(fac, 'vote:open', {
      method: 'approval',
      recommendationId: meeting.recommendationId,
    });
    const page = await facilitatorPage(1100);
    const phone = await facilitatorPage(320);
    const panel = page.locator(`[data-testid="vote-panel"][data-vote-id="${vote.id}"]`);
    await panel.getByTestId('vote-close').click();
    const closed = page.locator(`[data-testid="vote-panel"][data-vote-id="${vote.id}"][data-status="closed"]`);
    await closed.waitFor();
    await expect.poll(async () => (await focused(page)).testId).toBe('vote-results');
    const result = closed.getByTestId('vote-results');
    expect(await result.evaluate((e) => e === document.activeElement)).toBe(true);
    // Named after the vote, so a screen reader says which result this is.
    expect(await result.getAttribute('aria-labelledby')).toContain(`vote-${vote.id}-heading`);
    await closed.screenshot({ path: join(OUTPUT_DIR, 'focus-closed-1100.png') });
    // Another facilitator's page is not pulled to it.
    await phone.locator(`[data-testid="vote-panel"][data-vote-id="${vote.id}"][data-status="closed"]`).waitFor();
    expect((await focused(phone)).testId).not.toBe('vote-results');
    await phone
      .locator(`[data-testid="vote-panel"][data-vote-id="${vote.id}"]`)
      .screenshot({ path: join(OUTPUT_DIR, 'focus-closed-320.png') });
    await fac.disconnect();
  });
});
