import type { Tally, VoteUpdated } from '@roundtable/protocol/client';

/**
 * A vote as the room may see it. The projector runs on the facilitator's credentials, which
 * receive tallies before a hidden-results vote closes and the reasons of consent objections:
 * neither is for a wall everyone reads. What remains is what a participant's screen shows.
 */
export function publicVoteView(update: VoteUpdated): VoteUpdated {
  const { vote, tally, turnout } = update;
  if (!tally || (vote.status === 'open' && vote.results !== 'live')) return { vote, turnout };
  if (tally.method === 'consent' && tally.reasons) {
    const { reasons: _reasons, ...rest } = tally;
    return { vote, turnout, tally: rest as Tally };
  }
  return update;
}
