import { describe, expect, it } from 'vitest';
import { addRecommendation, browserSuite, codeOf, createSession, joinByCode, openDraft } from './harness.js';

/**
 * Counts from the room (issue #15): the facilitator enters the hands counted in the room into
 * a vote; everyone sees them labelled apart; a count above the people present is refused.
 */
const suite = browserSuite('room-counts');
const { newPage, shot } = suite;
const TITLE = 'Mobilité douce';

describe('counts from the room in the browser', () => {
  it('adds hands counted in the room, shows them apart, and refuses more than the people present', async () => {
    suite.shootOnFailure();
    const facilitator = await newPage('fr-BE');
    await createSession(facilitator, suite.url, 'Assemblée à main levée');
    const participantCode = await codeOf(facilitator, 'participant');
    await addRecommendation(facilitator, TITLE);
    const bram = await newPage('nl-BE');
    await joinByCode(bram, suite.url, participantCode, 'Bram');
    await openDraft(bram, TITLE);

    await openDraft(facilitator, TITLE);
    await expect.poll(() => facilitator.getByTestId('connection-state').getAttribute('data-state')).toBe('connected');
    await facilitator.getByTestId('editor').click();
    await facilitator.keyboard.type('Des pistes cyclables continues.');
    await expect.poll(() => bram.getByTestId('editor').innerText()).toContain('pistes cyclables');
    await facilitator.getByTestId('open-vote-toggle').click();
    await facilitator.getByTestId('open-vote-form').getByTestId('open-vote-submit').click();
    const panel = facilitator.getByTestId('vote-panel');
    await expect.poll(() => panel.getAttribute('data-status')).toBe('open');

    // Two people present (Anne and Bram): one hand for, as counted in the room.
    const form = panel.getByTestId('room-counts-form');
    await form.getByTestId('room-count-for').fill('1');
    await form.getByTestId('room-counts-save').click();
    await expect
      .poll(() => panel.getByTestId('room-counts-line').innerText())
      .toContain('1 voix comptée dans la salle');
    await expect.poll(() => bram.getByTestId('room-counts-line').innerText()).toContain('1 stem geteld in de zaal');
    await shot(facilitator, 'room-counts');

    // Five hands in a room of two: refused, and said so.
    await form.getByTestId('room-count-for').fill('5');
    await form.getByTestId('room-counts-save').click();
    await expect.poll(() => form.getByRole('alert').innerText()).toContain('Plus de voix que de personnes présentes');
    expect(await panel.getByTestId('room-counts-line').innerText()).toContain('1 voix');
  });
});
