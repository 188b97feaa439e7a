import { describe, expect, it } from 'vitest';
import { tallyConsent } from './tallyConsent.js';

describe('tallyConsent', () => {
  it('is consent when nobody objects or blocks, stand-asides included', () => {
    expect(tallyConsent([{ choice: 'agree' }, { choice: 'stand_aside' }, { choice: 'agree', reason: 'fine' }])).toEqual(
      {
        method: 'consent',
        agree: 2,
        stand_aside: 1,
        object: 0,
        block: 0,
        ballots: 3,
        outcome: 'consent',
        reasons: [],
      },
    );
  });

  it('has objections when someone objects, with the reason', () => {
    const tally = tallyConsent([{ choice: 'agree' }, { choice: 'object', reason: 'too vague' }]);
    expect(tally).toMatchObject({ agree: 1, object: 1, block: 0, ballots: 2, outcome: 'objections' });
    expect(tally.reasons).toEqual([{ choice: 'object', reason: 'too vague' }]);
  });

  it('is blocked by a single block, whatever the objections; reasons in ballot order', () => {
    const tally = tallyConsent([
      { choice: 'object', reason: 'first' },
      { choice: 'agree' },
      { choice: 'block', reason: 'second' },
      { choice: 'object', reason: 'third' },
    ]);
    expect(tally).toMatchObject({ agree: 1, object: 2, block: 1, ballots: 4, outcome: 'blocked' });
    expect(tally.reasons).toEqual([
      { choice: 'object', reason: 'first' },
      { choice: 'block', reason: 'second' },
      { choice: 'object', reason: 'third' },
    ]);
  });

  it('counts nothing with zero ballots (the quorum, not the outcome, says whether it counts)', () => {
    expect(tallyConsent([])).toMatchObject({
      agree: 0,
      stand_aside: 0,
      object: 0,
      block: 0,
      ballots: 0,
      outcome: 'consent',
    });
  });
});
