import { describe, expect, it } from 'vitest';
import type { ScoreBallot } from '@roundtable/protocol';
import { tallyScore } from './tallyScore.js';

const options = (...ids: string[]) => ids.map((id) => ({ id }));

describe('tallyScore', () => {
  it('gives count, rounded mean and distribution per option, in option order', () => {
    const ballots: ScoreBallot[] = [{ scores: { o2: 0, o1: 5 } }, { scores: { o1: 4 } }, { scores: { o1: 4, o2: 3 } }];
    expect(tallyScore(options('o1', 'o2', 'o3'), ballots)).toEqual({
      method: 'score',
      ballots: 3,
      options: [
        { optionId: 'o1', count: 3, mean: 4.33, distribution: [0, 0, 0, 0, 2, 1] },
        { optionId: 'o2', count: 2, mean: 1.5, distribution: [1, 0, 0, 1, 0, 0] },
        { optionId: 'o3', count: 0, mean: null, distribution: [0, 0, 0, 0, 0, 0] },
      ],
    });
  });

  it('rounds an exact half up, where float error would round it down (41 / 40 = 1.025 -> 1.03)', () => {
    const ballots = [2, ...new Array<number>(39).fill(1)].map((s) => ({ scores: { a: s } }));
    expect(tallyScore(options('a'), ballots).options[0]).toMatchObject({ count: 40, mean: 1.03 });
  });

  it('has every option with no scores when there are zero ballots', () => {
    expect(tallyScore(options('a', 'b'), [])).toEqual({
      method: 'score',
      ballots: 0,
      options: [
        { optionId: 'a', count: 0, mean: null, distribution: [0, 0, 0, 0, 0, 0] },
        { optionId: 'b', count: 0, mean: null, distribution: [0, 0, 0, 0, 0, 0] },
      ],
    });
  });

  it('ignores ids that are not options of the vote', () => {
    expect(tallyScore(options('a'), [{ scores: { a: 2, ghost: 5 } }]).options).toEqual([
      { optionId: 'a', count: 1, mean: 2, distribution: [0, 0, 1, 0, 0, 0] },
    ]);
  });
});
