import type { RecommendationStatus, VoteDto } from '@roundtable/protocol/client';

/**
 * Statuses in which a draft accepts no edit from anyone: during its vote (so every
 * voter sees the text voted on), and once adopted or rejected (the record keeps the
 * text decided on). `to_amend` reopens editing.
 */
const FROZEN: readonly RecommendationStatus[] = ['voting', 'adopted', 'rejected'];

export function isDraftFrozen(status: RecommendationStatus): boolean {
  return FROZEN.includes(status);
}

/** Recommendations a vote is about: its motion, or those among its options. */
export function voteRecommendationIds(vote: Pick<VoteDto, 'recommendationId' | 'options'>): string[] {
  return vote.recommendationId
    ? [vote.recommendationId]
    : vote.options.flatMap((o) => (o.recommendationId ? [o.recommendationId] : []));
}
