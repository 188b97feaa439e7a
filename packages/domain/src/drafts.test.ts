import { describe, expect, it } from 'vitest';
import { isDraftFrozen, voteRecommendationIds } from './drafts.js';

describe('drafts', () => {
  it('freezes a draft while voting and once decided, except to be amended', () => {
    expect(isDraftFrozen('draft')).toBe(false);
    expect(isDraftFrozen('voting')).toBe(true);
    expect(isDraftFrozen('adopted')).toBe(true);
    expect(isDraftFrozen('rejected')).toBe(true);
    expect(isDraftFrozen('to_amend')).toBe(false);
  });

  it('names the recommendations a vote is about', () => {
    expect(voteRecommendationIds({ recommendationId: 'r1', options: [] })).toEqual(['r1']);
    expect(
      voteRecommendationIds({
        recommendationId: null,
        options: [
          { id: 'a', label: 'A', recommendationId: 'r1' },
          { id: 'b', label: 'free text', recommendationId: null },
          { id: 'c', label: 'C', recommendationId: 'r2' },
        ],
      }),
    ).toEqual(['r1', 'r2']);
  });
});
