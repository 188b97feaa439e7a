import { can, mayReadTally, tallyVote } from '@roundtable/domain';
import type { Role, RoomCounts, VoteDto, VoteUpdated } from '@roundtable/protocol';
import type { BallotRecord, VoteRecord } from '../storage/Storage.js';

/** A vote as the wire carries it: the frozen texts' hashes, not the texts (issue #11). */
export function toVoteDto(vote: VoteRecord): VoteDto {
  return {
    ...vote,
    frozenTexts: vote.frozenTexts.map(({ recommendationId, lang, sha256 }) => ({ recommendationId, lang, sha256 })),
  };
}

/**
 * A vote as the role may see it, from already-loaded ballots and room counts, so one read
 * serves every audience (see mayReadTally: on_close tallies wait for the close).
 */
export function voteView(
  vote: VoteRecord,
  ballots: readonly BallotRecord[],
  room: RoomCounts | undefined,
  role: Role,
): VoteUpdated {
  return {
    vote: toVoteDto(vote),
    turnout: ballots.length,
    ...(mayReadTally(vote, role)
      ? { tally: tallyVote(vote, ballots, { includeReasons: can(role, 'manageSession'), room }) }
      : {}),
  };
}
