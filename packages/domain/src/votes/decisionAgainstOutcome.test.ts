import { describe, expect, it } from 'vitest';
import type { Tally } from '@roundtable/protocol';
import { decisionAgainstOutcome } from './decisionAgainstOutcome.js';
import { tallyVote } from './tallyVote.js';

const motion = (method: 'approval' | 'consent', quorum: number | null = null) => ({
  method,
  options: [],
  quorum,
  splitByGroup: false,
});
const approval = (...choices: ('for' | 'against' | 'abstain')[]): Tally =>
  tallyVote(
    motion('approval'),
    choices.map((choice) => ({ group: 'other', ballot: { choice } })),
    { includeReasons: false },
  );
const consent = (...choices: ('agree' | 'object' | 'block')[]): Tally =>
  tallyVote(
    motion('consent'),
    choices.map((choice) => ({ group: 'other', ballot: choice === 'agree' ? { choice } : { choice, reason: 'r' } })),
    { includeReasons: false },
  );

describe('decisionAgainstOutcome', () => {
  it('adopting what was not carried, or rejecting what was, goes against the vote', () => {
    expect(decisionAgainstOutcome(approval('against', 'for', 'against'), 'adopted')).toBe(true);
    expect(decisionAgainstOutcome(approval('for', 'for'), 'rejected')).toBe(true);
    expect(decisionAgainstOutcome(approval('for', 'for'), 'adopted')).toBe(false);
    expect(decisionAgainstOutcome(approval('for', 'against'), 'rejected')).toBe(false);
  });

  it('adopting a blocked text or rejecting a consented one goes against the vote; objections leave it open', () => {
    expect(decisionAgainstOutcome(consent('agree', 'block'), 'adopted')).toBe(true);
    expect(decisionAgainstOutcome(consent('agree', 'agree'), 'rejected')).toBe(true);
    expect(decisionAgainstOutcome(consent('agree', 'object'), 'adopted')).toBe(false);
    expect(decisionAgainstOutcome(consent('agree', 'object'), 'rejected')).toBe(false);
  });

  it('never for "to amend", nor after a vote with no outcome', () => {
    expect(decisionAgainstOutcome(approval('for'), 'to_amend')).toBe(false);
    expect(decisionAgainstOutcome(approval(), 'adopted')).toBe(false);
    expect(decisionAgainstOutcome(approval(), 'rejected')).toBe(false);
    const failedQuorum = tallyVote(motion('approval', 3), [{ group: 'other', ballot: { choice: 'against' } }], {
      includeReasons: false,
    });
    expect(decisionAgainstOutcome(failedQuorum, 'adopted')).toBe(false);
  });
});
