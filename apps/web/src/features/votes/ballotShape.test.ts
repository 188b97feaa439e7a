import { BALLOT_SCHEMAS, MAX_DOTS_BUDGET, MAX_REASON_LENGTH, MAX_SCORE, VOTE_METHODS } from '@roundtable/protocol';
import { describe, expect, it } from 'vitest';
import { isBallotOf } from './ballotShape';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `opt_${i}`);

/** Ballots of every method, fitting and not, and things that are no ballot at all. */
const SAMPLES: unknown[] = [
  null,
  undefined,
  'for',
  42,
  [],
  [{ choice: 'for' }],
  {},
  // approval
  { choice: 'for' },
  { choice: 'against' },
  { choice: 'abstain' },
  { choice: 'maybe' },
  { choice: 'for', extra: 1 },
  { choice: 'for', reason: undefined },
  { choice: undefined },
  { choice: ['for'] },
  // consent
  { choice: 'agree' },
  { choice: 'agree', reason: undefined },
  { choice: 'stand_aside', reason: '' },
  { choice: 'object' },
  { choice: 'object', reason: '' },
  { choice: 'object', reason: '   \n ' },
  { choice: 'object', reason: 'Not yet' },
  { choice: 'block', reason: 'Against our charter\r\nsecond line' },
  { choice: 'block', reason: 'bad \u0007 bell' },
  { choice: 'block', reason: 'Trojan \u202e source' },
  { choice: 'object', reason: 'x'.repeat(MAX_REASON_LENGTH) },
  { choice: 'object', reason: `  ${'x'.repeat(MAX_REASON_LENGTH)}  ` },
  { choice: 'object', reason: 'x'.repeat(MAX_REASON_LENGTH + 1) },
  { choice: 'object', reason: 12 },
  { choice: 'agree', reason: 'fine', extra: true },
  // score
  { scores: {} },
  { scores: { a: 0, b: MAX_SCORE } },
  { scores: { a: MAX_SCORE + 1 } },
  { scores: { a: -1 } },
  { scores: { a: 2.5 } },
  { scores: { a: '3' } },
  { scores: { 'not an id': 3 } },
  { scores: { ['x'.repeat(65)]: 3 } },
  { scores: [1, 2] },
  { scores: null },
  { scores: { a: 1 }, dots: { a: 1 } },
  // ranking
  { order: ['a'] },
  { order: ids(30) },
  { order: ids(31) },
  { order: [] },
  { order: ['a', 'b c'] },
  { order: ['a', 3] },
  { order: 'a' },
  // dots
  { dots: {} },
  { dots: { a: MAX_DOTS_BUDGET } },
  { dots: { a: MAX_DOTS_BUDGET + 1 } },
  { dots: { a: 1, b: Number.NaN } },
  { dots: { a: Number.POSITIVE_INFINITY } },
  { dots: { a: 1 }, order: ['a'] },
];

describe('isBallotOf', () => {
  for (const method of VOTE_METHODS) {
    it(`accepts what BALLOT_SCHEMAS.${method} accepts, and nothing else`, () => {
      const mismatches = SAMPLES.filter(
        (sample) => isBallotOf(method, sample) !== BALLOT_SCHEMAS[method].safeParse(sample).success,
      );
      expect(mismatches).toEqual([]);
      // The samples exercise both answers for every method.
      expect(SAMPLES.some((s) => isBallotOf(method, s))).toBe(true);
      expect(SAMPLES.some((s) => !isBallotOf(method, s))).toBe(true);
    });
  }
});
