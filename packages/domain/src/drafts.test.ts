import { describe, expect, it } from 'vitest';
import { displayedStatus, isDraftFrozen, voteRecommendationIds } from './drafts.js';

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

  it('tells a closed motion awaiting its decision from one under vote', () => {
    const motion = (status: 'open' | 'closed', recommendationId = 'r1') => ({ status, recommendationId, options: [] });
    expect(displayedStatus('r1', 'voting', [motion('open')])).toBe('voting');
    expect(displayedStatus('r1', 'voting', [motion('closed')])).toBe('awaiting_decision');
    expect(displayedStatus('r1', 'voting', [motion('closed'), motion('open')])).toBe('voting');
    // Another recommendation's open vote does not count.
    expect(displayedStatus('r1', 'voting', [motion('closed'), motion('open', 'r2')])).toBe('awaiting_decision');
    // Votes not known yet: the stored status as it is.
    expect(displayedStatus('r1', 'voting', null)).toBe('voting');
    expect(displayedStatus('r1', 'adopted', [])).toBe('adopted');
    expect(displayedStatus('r1', 'draft', [])).toBe('draft');
  });
});
