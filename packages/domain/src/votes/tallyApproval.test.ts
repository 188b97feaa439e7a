import { describe, expect, it } from 'vitest';
import type { ApprovalBallot } from '@roundtable/protocol';
import { tallyApproval } from './tallyApproval.js';

const ballots = (...choices: ApprovalBallot['choice'][]): ApprovalBallot[] => choices.map((choice) => ({ choice }));

describe('tallyApproval', () => {
  it('counts each choice and carries on more for than against', () => {
    expect(tallyApproval(ballots('for', 'against', 'for', 'abstain', 'abstain', 'abstain'))).toEqual({
      method: 'approval',
      for: 2,
      against: 1,
      abstain: 3,
      ballots: 6,
      carried: true,
    });
  });

  it('does not carry on a tie', () => {
    expect(tallyApproval(ballots('for', 'against', 'abstain'))).toMatchObject({ for: 1, against: 1, carried: false });
  });

  it('does not carry with zero ballots', () => {
    expect(tallyApproval([])).toEqual({
      method: 'approval',
      for: 0,
      against: 0,
      abstain: 0,
      ballots: 0,
      carried: false,
    });
  });
});
