import type { ApprovalBallot, ApprovalTally } from '@roundtable/protocol/client';

/**
 * Counts an approval vote. `carried` is a simple majority of those who took a side:
 * abstentions count in turnout (and towards a quorum) but neither for nor against.
 */
export function tallyApproval(ballots: readonly ApprovalBallot[]): ApprovalTally {
  const counts = { for: 0, against: 0, abstain: 0 };
  for (const b of ballots) counts[b.choice] += 1;
  return { method: 'approval', ...counts, ballots: ballots.length, carried: counts.for > counts.against };
}
