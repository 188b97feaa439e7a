import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, joinByCode, openDraft } from './harness.js';

/**
 * The built app under the server's Content-Security-Policy (#11): the pages a meeting uses
 * (session, draft with carets, votes, the projector screen) run with no CSP violation, so the
 * policy neither breaks the app nor needs loosening. A facilitator who decides against the
 * vote is asked for a reason, which the report then prints.
 */
const suite = browserSuite('');
const violations: string[] = [];

async function newPage(): Promise<Page> {
  const context = await suite.newContext({ locale: 'en-GB', viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  // Every violation, reported by the page itself and by the console.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(
        `CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      );
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy|CSP violation/i.test(m.text())) violations.push(m.text());
  });
  return page;
}

async function post<T>(path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${suite.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  expect(res.ok, `${path}: ${res.status}`).toBe(true);
  return (await res.json()) as T;
}

describe('the built app under its Content-Security-Policy', () => {
  it('co-edits, votes, decides against the vote with a reason, and shows the projector, with no violation', async () => {
    const created = await post<{
      session: { id: string };
      codes: { facilitator: string; participant: string };
    }>('/api/sessions', { title: 'CSP round table', kind: 'round_table', language: 'en' });
    const facilitatorJoin = await post<{ token: string }>('/api/join', {
      code: created.codes.facilitator,
      name: 'Anne',
    });
    await post(`/api/sessions/${created.session.id}/recommendations`, { title: 'Open data' }, facilitatorJoin.token);
    const res = await fetch(suite.url);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");

    const facilitator = await newPage();
    await joinByCode(facilitator, suite.url, created.codes.facilitator, 'Anne');
    const participant = await newPage();
    await joinByCode(participant, suite.url, created.codes.participant, 'Bram');
    await openDraft(participant, 'Open data');
    await openDraft(facilitator, 'Open data');
    await participant.getByTestId('editor').click();
    await participant.keyboard.type('Publish every dataset.');
    await expect.poll(() => facilitator.getByTestId('editor').innerText()).toContain('Publish every dataset.');
    await facilitator.getByTestId('editor').click();
    await expect.poll(() => participant.locator('.collaboration-carets__label').allInnerTexts()).toContain('Anne');

    // The facilitator puts it to a vote; the participant votes against; the vote closes.
    await facilitator.getByTestId('open-vote-toggle').click();
    await facilitator.getByTestId('open-vote-form').getByTestId('open-vote-submit').click();
    const ballot = participant.getByTestId('ballot-form');
    await ballot.locator('input[type="radio"][value="against"]').check();
    await ballot.getByTestId('ballot-submit').click();
    await expect.poll(() => ballot.getByTestId('ballot-recorded').innerText()).not.toBe('');
    await facilitator.getByTestId('vote-close').click();
    await expect.poll(() => facilitator.getByTestId('vote-outcome').getAttribute('data-outcome')).toBe('not_carried');

    // Adopting what the room voted down asks for a reason first.
    await facilitator.getByTestId('decide-adopted').click();
    const reason = facilitator.getByTestId('decide-reason');
    await reason.waitFor();
    await reason.fill('The council found the budget after the vote.');
    await facilitator.getByTestId('decide-with-reason').click();
    await expect.poll(() => facilitator.getByTestId('decision').textContent()).toMatch(/Adopted/i);
    await expect
      .poll(() => facilitator.getByTestId('decision-reason').textContent())
      .toContain('The council found the budget after the vote.');
    await suite.shot(facilitator, 'decide-with-reason');
    const report = await fetch(`${suite.url}/api/sessions/${created.session.id}/report?format=md`, {
      headers: { authorization: `Bearer ${facilitatorJoin.token}` },
    }).then((r) => r.text());
    expect(report).toContain('The council found the budget after the vote.');

    // The projector screen is a page of its own (frame-ancestors 'none' costs it nothing).
    const screen = await newPage();
    await joinByCode(screen, suite.url, created.codes.participant, 'Screen');
    await screen.goto(`${suite.url}/s/${created.session.id}/screen`);
    await screen.waitForLoadState('networkidle');

    expect(violations).toEqual([]);
  });
});
