import { describe, expect, it } from 'vitest';
import type { Tally } from '@roundtable/protocol';
import { redactTally } from './redactTally.js';

const consent = (reason: string) =>
  ({
    method: 'consent',
    agree: 0,
    stand_aside: 0,
    object: 1,
    block: 0,
    ballots: 1,
    outcome: 'objections',
    reasons: [{ choice: 'object', reason }],
  }) as const;

const tally = (): Tally => ({
  ...consent('top'),
  reasons: [{ choice: 'object', reason: 'top' }],
  quorum: null,
  byGroup: { other: { ...consent('in group'), reasons: [{ choice: 'object', reason: 'in group' }] } },
});

describe('redactTally', () => {
  it('keeps top-level reasons for facilitators but strips them from byGroup', () => {
    const out = redactTally(tally(), { includeReasons: true });
    expect(out).toHaveProperty('reasons', [{ choice: 'object', reason: 'top' }]);
    expect(out.byGroup!.other).not.toHaveProperty('reasons');
    expect(out.byGroup!.other).toMatchObject({ object: 1, outcome: 'objections' });
  });

  it('strips every reason for others, leaving the counts', () => {
    const out = redactTally(tally(), { includeReasons: false });
    expect(out).not.toHaveProperty('reasons');
    expect(out).toMatchObject({ object: 1, ballots: 1, outcome: 'objections', quorum: null });
    expect(out.byGroup!.other).not.toHaveProperty('reasons');
  });

  it('does not mutate its input', () => {
    const input = tally();
    redactTally(input, { includeReasons: false });
    expect(input).toEqual(tally());
  });

  it('leaves other methods as they are', () => {
    const dots: Tally = {
      method: 'dots',
      ballots: 1,
      options: [{ optionId: 'a', dots: 2 }],
      quorum: { required: 1, met: true },
    };
    expect(redactTally(dots, { includeReasons: false })).toEqual(dots);
  });
});
