import { describe, expect, it } from 'vitest';
import type { DotsBallot } from '@roundtable/protocol';
import { tallyDots } from './tallyDots.js';

const options = (...ids: string[]) => ids.map((id) => ({ id }));

describe('tallyDots', () => {
  it('sums dots per option in option order', () => {
    const ballots: DotsBallot[] = [{ dots: { b: 2, a: 3 } }, { dots: { a: 1, c: 0 } }, { dots: { c: 5 } }];
    expect(tallyDots(options('a', 'b', 'c', 'd'), ballots)).toEqual({
      method: 'dots',
      ballots: 3,
      options: [
        { optionId: 'a', dots: 4 },
        { optionId: 'b', dots: 2 },
        { optionId: 'c', dots: 5 },
        { optionId: 'd', dots: 0 },
      ],
    });
  });

  it('lists every option at 0 with zero ballots', () => {
    expect(tallyDots(options('a', 'b'), [])).toEqual({
      method: 'dots',
      ballots: 0,
      options: [
        { optionId: 'a', dots: 0 },
        { optionId: 'b', dots: 0 },
      ],
    });
  });
});
