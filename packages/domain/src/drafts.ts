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

/**
 * What a reader is told of a recommendation's status. A motion's draft stays `voting` after its
 * vote closes, frozen until the facilitator records the decision (api-v1 1.1); while no vote
 * about it is open, that is `awaiting_decision`, not "under vote". `votes` null: not known yet.
 */
export type DisplayedStatus = RecommendationStatus | 'awaiting_decision';

export function displayedStatus(
  recommendationId: string,
  status: RecommendationStatus,
  votes: readonly Pick<VoteDto, 'status' | 'recommendationId' | 'options'>[] | null,
): DisplayedStatus {
  if (status !== 'voting' || votes === null) return status;
  const open = votes.some((v) => v.status === 'open' && voteRecommendationIds(v).includes(recommendationId));
  return open ? 'voting' : 'awaiting_decision';
}
