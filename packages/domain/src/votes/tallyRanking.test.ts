import { describe, expect, it } from 'vitest';
import type { RankingBallot } from '@roundtable/protocol';
import { condorcetWinner, tallyRanking } from './tallyRanking.js';

const options = (...ids: string[]) => ids.map((id) => ({ id }));
const ballots = (...orders: string[][]): RankingBallot[] => orders.map((order) => ({ order }));
const borda = (tally: ReturnType<typeof tallyRanking>) => tally.options.map((o) => [o.optionId, o.borda]);

describe('tallyRanking: Borda', () => {
  it('gives n-1-i points by position and 0 to unlisted options (partial rankings)', () => {
    // n = 4: a full ranking gives 3, 2, 1, 0; [b] gives b 3; [c, a] gives c 3, a 2.
    const tally = tallyRanking(options('a', 'b', 'c', 'd'), ballots(['a', 'b', 'c', 'd'], ['b'], ['c', 'a']));
    expect(borda(tally)).toEqual([
      ['a', 5],
      ['b', 5],
      ['c', 4],
      ['d', 0],
    ]);
    expect(tally.ballots).toBe(3);
    // a vs c is 1-1 (the [b] ballot lists neither): a tie, so no Condorcet winner.
    expect(tally.condorcetWinner).toBeNull();
  });

  it('gives every option 0 and no winner with zero ballots', () => {
    expect(tallyRanking(options('a', 'b'), [])).toEqual({
      method: 'ranking',
      ballots: 0,
      options: [
        { optionId: 'a', borda: 0 },
        { optionId: 'b', borda: 0 },
      ],
      condorcetWinner: null,
    });
  });
});

describe('tallyRanking: Condorcet', () => {
  it('finds a clear winner', () => {
    const tally = tallyRanking(options('a', 'b', 'c'), ballots(['a', 'b', 'c'], ['a', 'c', 'b'], ['b', 'a', 'c']));
    expect(borda(tally)).toEqual([
      ['a', 5],
      ['b', 3],
      ['c', 1],
    ]);
    expect(tally.condorcetWinner).toBe('a');
  });

  it('finds no winner in a cycle (a > b > c > a), where Borda ties too', () => {
    const tally = tallyRanking(options('a', 'b', 'c'), ballots(['a', 'b', 'c'], ['b', 'c', 'a'], ['c', 'a', 'b']));
    expect(borda(tally)).toEqual([
      ['a', 3],
      ['b', 3],
      ['c', 3],
    ]);
    expect(tally.condorcetWinner).toBeNull();
  });

  it('finds no winner on a head-to-head tie', () => {
    expect(condorcetWinner(options('a', 'b'), ballots(['a', 'b'], ['b', 'a']))).toBeNull();
  });

  it('lets a single ballot decide, even a partial one', () => {
    const tally = tallyRanking(options('a', 'b', 'c'), ballots(['b']));
    expect(borda(tally)).toEqual([
      ['a', 0],
      ['b', 2],
      ['c', 0],
    ]);
    expect(tally.condorcetWinner).toBe('b');
  });

  it('ranks a listed option above unlisted ones', () => {
    // [a] twice beats [b, c] once: a wins both duels 2-1 without ranking b or c.
    const tally = tallyRanking(options('a', 'b', 'c'), ballots(['a'], ['b', 'c'], ['a']));
    expect(borda(tally)).toEqual([
      ['a', 4],
      ['b', 2],
      ['c', 1],
    ]);
    expect(tally.condorcetWinner).toBe('a');
  });

  it('counts only ballots that express a preference between the two', () => {
    // The b-vs-c duel alone (a is no option here): the two [a] ballots list neither b nor c,
    // so only the last one counts and c wins 1-0, though 1 of 3 is no majority of all ballots.
    expect(condorcetWinner(options('b', 'c'), ballots(['a'], ['a'], ['c', 'a', 'b']))).toBe('c');
  });
});
