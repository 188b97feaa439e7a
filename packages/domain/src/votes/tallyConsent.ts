import type { ConsentBallot, ConsentTally } from '@roundtable/protocol/client';

/**
 * Counts a consent vote. One block stops adoption; otherwise any objection must be heard
 * before the facilitator decides; otherwise there is consent (stand-asides do not stop it).
 *
 * `reasons` lists every objection and block in ballot order. They are for facilitators
 * only: {@link tallyVote} and {@link redactTally} drop them for everyone else.
 */
export function tallyConsent(ballots: readonly ConsentBallot[]): ConsentTally {
  const counts = { agree: 0, stand_aside: 0, object: 0, block: 0 };
  const reasons: NonNullable<ConsentTally['reasons']> = [];
  for (const b of ballots) {
    counts[b.choice] += 1;
    if (b.choice === 'object' || b.choice === 'block') {
      // The schema requires a reason here; the fallback keeps one entry per objection or
      // block even for a ballot stored before that rule, so counts and reasons agree.
      reasons.push({ choice: b.choice, reason: b.reason ?? '' });
    }
  }
  const outcome: ConsentTally['outcome'] = counts.block > 0 ? 'blocked' : counts.object > 0 ? 'objections' : 'consent';
  return { method: 'consent', ...counts, ballots: ballots.length, outcome, reasons };
}
