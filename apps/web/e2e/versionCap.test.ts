import { describe, expect, it } from 'vitest';
import { MAX_SAVED_VERSIONS_PER_RECOMMENDATION, VERSION_SAVE_RATE, type JoinResponse } from '@roundtable/protocol';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from './harness.js';
import { joinedAs, type Meeting, meetingSuite } from './meetingSetup.js';

/**
 * A draft with as many saved versions as it may keep: the facilitator's next save is refused
 * with `too_many_versions`, and the screen says so in fr, nl and en (from the catalogue, not
 * the server's English), keeps the label typed and lists the versions as they were.
 */
const MESSAGES = {
  'fr-BE':
    'Aucune version ne peut plus être enregistrée : ce projet, ou cette séance, garde déjà autant de versions enregistrées qu’il est permis. Les versions déjà enregistrées sont conservées, et les votes, les décisions et les amendements acceptés gardent toujours la leur.',
  'nl-BE':
    'Er kunnen geen versies meer worden bewaard: dit ontwerp, of deze sessie, heeft al zoveel bewaarde versies als toegestaan. De versies die al bewaard zijn, blijven bestaan, en stemmingen, beslissingen en aanvaarde amendementen bewaren nog altijd hun eigen versie.',
  'en-GB':
    'No more versions can be saved: this draft, or this session, already keeps as many saved versions as it may. The versions already saved are kept, and votes, decisions and accepted amendments still keep theirs.',
} as const;

/**
 * Fills the draft's history up to the cap through the public API. Each save costs its person a
 * token of VERSION_SAVE_RATE, so the saves are spread over as many facilitator joins as needed
 * (a join with the facilitator code is a new person): the cap, not the rate, is what bounds a
 * session.
 */
async function fillHistory(base: string, meeting: Meeting): Promise<void> {
  const sessionId = meeting.created.session.id;
  const path = `${base}/api/sessions/${sessionId}/recommendations/${meeting.recommendationId}/history`;
  for (let saved = 0; saved < MAX_SAVED_VERSIONS_PER_RECOMMENDATION; ) {
    const join = await fetch(`${base}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: meeting.created.codes.facilitator, name: `Co-animateur ${saved}` }),
    });
    const { token } = (await join.json()) as JoinResponse;
    for (let i = 0; i < VERSION_SAVE_RATE.burst && saved < MAX_SAVED_VERSIONS_PER_RECOMMENDATION; i++, saved++) {
      const res = await fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ label: `Version ${saved + 1}` }),
      });
      if (res.status !== 201) throw new Error(`save ${saved + 1} -> ${res.status} ${await res.text()}`);
    }
  }
}

const suite = meetingSuite(
  'version-cap',
  { title: 'Table ronde logement', language: 'fr', recommendation: 'Accès au logement' },
  (meeting) => fillHistory(suite.url, meeting),
);
const { newPage, shot } = suite;

async function openHistory(page: Page): Promise<void> {
  const { meeting } = suite;
  await joinedAs(page, meeting.facilitator);
  await page.goto(`${suite.url}/s/${meeting.created.session.id}/r/${meeting.recommendationId}`);
  await page.getByTestId('editor').waitFor();
  await page.getByTestId('history-toggle').click();
  await expect.poll(() => page.getByTestId('history-version').count()).toBe(MAX_SAVED_VERSIONS_PER_RECOMMENDATION);
}

describe('the cap of saved versions in the browser', () => {
  it('refuses one more save with a translated message, keeping the label and the versions', async () => {
    suite.shootOnFailure();
    for (const [locale, message] of Object.entries(MESSAGES)) {
      const page = await newPage(locale);
      await openHistory(page);
      const form = page.getByTestId('save-version-form');
      await page.getByTestId('save-version-label').fill('Après la pause');
      await page.getByTestId('save-version-submit').click();
      await expect.poll(() => form.getByRole('alert').innerText()).toBe(message);
      expect(await page.getByTestId('save-version-label').inputValue()).toBe('Après la pause');
      expect(await page.getByTestId('history-version').count()).toBe(MAX_SAVED_VERSIONS_PER_RECOMMENDATION);
      if (locale === 'fr-BE') {
        await form.scrollIntoViewIfNeeded();
        await shot(page, 'refused', false);
        await expectNoAxeViolations(page, 'the history with a save refused over the cap (facilitator)');
      }
    }
  });
});
