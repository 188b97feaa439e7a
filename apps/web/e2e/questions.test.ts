import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { JoinResponse, QuestionsView } from '@roundtable/protocol';
import { browserSuite, expectNoAxeViolations, OUTPUT_DIR } from './harness.js';
import { joinedAs, type Meeting, scrollWidth, setUpMeeting } from './meetingSetup.js';

/**
 * Questions from the room (api-v1.1): an observer on a 320 px phone asks in Dutch with the
 * keyboard; the facilitator approves it and sends it to the projector view, where it shows.
 */
const PHONE = { width: 320, height: 640 };
const QUESTION = 'Komen er tolken voor gebarentaal op de volgende sessie?';
const suite = browserSuite('questions');
const server = suite;
let meeting: Meeting;
let observer: JoinResponse;

beforeAll(async () => {
  meeting = await setUpMeeting(server.url, {
    title: 'Table ronde sur l’accessibilité des logements sociaux',
    language: 'fr',
    recommendation: 'Garantir l’accès au logement sans discrimination',
  });
  const res = await fetch(`${server.url}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: meeting.created.codes.observer, name: 'Chloé à distance' }),
  });
  observer = (await res.json()) as JoinResponse;
});
afterAll(() => {
  meeting?.close();
});

async function open(
  joined: JoinResponse,
  path: string,
  options: { locale: string; viewport: { width: number; height: number }; phone?: boolean },
): Promise<Page> {
  const context = await suite.newContext({
    locale: options.locale,
    viewport: options.viewport,
    ...(options.phone && { isMobile: true, hasTouch: true }),
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await joinedAs(page, joined);
  await page.goto(`${server.url}/s/${meeting.created.session.id}${path}`);
  return page;
}

const questionsOf = async (token: string) => {
  const res = await fetch(`${server.url}/api/sessions/${meeting.created.session.id}/questions`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return (await res.json()) as QuestionsView;
};

describe('questions from the room', () => {
  it("an observer's question, approved by the facilitator and sent to the projector, reaches the projector view", async () => {
    suite.shootOnFailure();
    const phone = await open(observer, '', { locale: 'fr-BE', viewport: PHONE, phone: true });
    const panel = phone.getByTestId('questions-panel');
    await panel.getByRole('heading', { name: 'Questions' }).waitFor();
    await expectNoAxeViolations(phone, 'the questions panel of an observer on a phone, empty');

    // With the keyboard only: the question, its language, then the button.
    await panel.getByLabel('Votre question', { exact: true }).focus();
    await phone.keyboard.type(QUESTION);
    await phone.keyboard.press('Tab');
    await phone.keyboard.press('ArrowDown');
    await phone.keyboard.press('Tab');
    await phone.keyboard.press('Enter');
    const mine = panel.getByTestId('question').filter({ hasText: QUESTION });
    await mine.waitFor();
    await expect.poll(() => mine.getAttribute('data-state')).toBe('pending');
    expect(await mine.locator('.question__text').getAttribute('lang')).toBe('nl');
    expect(await mine.getByTestId('question-state').textContent()).toBe('En attente de modération');
    expect(await panel.getByRole('status').textContent()).toContain('Question envoyée');
    // Not seen by participants until approved.
    expect((await questionsOf(meeting.voters[0]!.token)).questions).toEqual([]);

    const facilitator = await open(meeting.facilitator, '', {
      locale: 'fr-BE',
      viewport: { width: 1280, height: 900 },
    });
    const screen = await open(meeting.facilitator, '/screen', {
      locale: 'nl-BE',
      viewport: { width: 1920, height: 1080 },
    });
    await screen.getByTestId('screen-title').waitFor();
    expect(await screen.getByTestId('screen-question').count()).toBe(0);

    const facQuestion = facilitator
      .getByTestId('questions-panel')
      .getByTestId('question')
      .filter({ hasText: QUESTION });
    await facQuestion.waitFor();
    expect(await facQuestion.textContent()).toContain('Posée par Chloé à distance');
    const moderation = facQuestion.getByRole('group', { name: QUESTION });
    await moderation.getByRole('button', { name: 'Approuver' }).click();
    await expect.poll(() => facQuestion.getAttribute('data-state')).toBe('approved');
    await expect.poll(async () => (await questionsOf(meeting.voters[0]!.token)).questions.length).toBe(1);
    await moderation.getByRole('button', { name: 'Afficher en projection' }).click();
    await expect
      .poll(() => moderation.getByRole('button', { name: 'Retirer de la projection' }).getAttribute('aria-pressed'))
      .toBe('true');
    await expectNoAxeViolations(facilitator, 'the facilitator’s questions panel with a projected question');

    // The wall shows it large, in the projector's language words, with no author.
    const projected = screen.getByTestId('screen-question');
    await projected.waitFor();
    expect(await projected.textContent()).toContain(QUESTION);
    expect(await projected.textContent()).toContain('Vraag uit de zaal');
    expect(await projected.textContent()).not.toContain('Chloé');
    await suite.shot(screen, 'projector', false);

    // Back on the phone: approved and projected; support it, then take the support back.
    await expect.poll(() => mine.getAttribute('data-state')).toBe('approved');
    const upvote = mine.getByRole('button', { name: 'Soutenir' });
    expect(await upvote.getAttribute('aria-pressed')).toBe('false');
    await upvote.click();
    await expect.poll(() => upvote.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => mine.getByTestId('question-votes').textContent()).toBe('1 soutien');
    await expect.poll(() => projected.textContent()).toContain('1 keer gesteund');
    await expectNoAxeViolations(phone, 'the questions panel of an observer on a phone, with an upvoted question');
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(PHONE.width);
    await panel.scrollIntoViewIfNeeded();
    await phone.screenshot({ path: join(OUTPUT_DIR, 'questions-phone-panel.png'), clip: (await panel.boundingBox())! });
    await suite.shot(facilitator, 'facilitator', false);
    await upvote.click();
    await expect.poll(() => upvote.getAttribute('aria-pressed')).toBe('false');

    // Hidden: it leaves the wall and the room's list, and is counted for everyone.
    await moderation.getByRole('button', { name: 'Masquer' }).click();
    await expect.poll(() => screen.getByTestId('screen-question').count()).toBe(0);
    await expect.poll(() => mine.getAttribute('data-state')).toBe('hidden');
    const participant = await open(meeting.voters[0]!, '', { locale: 'nl-BE', viewport: PHONE, phone: true });
    const partPanel = participant.getByTestId('questions-panel');
    await partPanel.getByTestId('questions-hidden-count').waitFor();
    expect(await partPanel.getByTestId('questions-hidden-count').textContent()).toBe(
      '1 vraag verborgen door de moderator',
    );
    expect(await partPanel.getByTestId('question').count()).toBe(0);
  });
});
