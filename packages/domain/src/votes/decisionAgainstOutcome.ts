import type { RecommendationOutcome, Tally } from '@roundtable/protocol/client';

/**
 * Whether deciding `decision` for a recommendation contradicts the outcome of the vote that
 * tallied `tally` (api-v1 1.1: such a decision needs a reason). Adopting what a vote did not
 * carry or a block stopped, or rejecting what it carried or consented to, contradicts it.
 * "To amend" never does (it sends the text back), nor does anything after a vote with no
 * outcome (no ballot, quorum not met), after objections (the facilitator decides once they
 * are heard), or after a prioritising vote (it ranks drafts, it does not decide them).
 */
export function decisionAgainstOutcome(tally: Tally, decision: RecommendationOutcome): boolean {
  if (decision === 'to_amend' || tally.noOutcome !== undefined) return false;
  switch (tally.method) {
    case 'approval':
      return tally.carried === undefined ? false : (decision === 'adopted') !== tally.carried;
    case 'consent':
      return (
        (decision === 'adopted' && tally.outcome === 'blocked') ||
        (decision === 'rejected' && tally.outcome === 'consent')
      );
    default:
      return false;
  }
}
