import {
  ORGANISATION_TYPES,
  type ApprovalBallot,
  type Ballot,
  type ConsentBallot,
  type DotsBallot,
  type MethodTally,
  type RankingBallot,
  type ScoreBallot,
  type Tally,
  type VoteDto,
  type VoterGroup,
} from '@roundtable/protocol';
import { redactTally } from './redactTally.js';
import { tallyApproval } from './tallyApproval.js';
import { tallyConsent } from './tallyConsent.js';
import { tallyDots } from './tallyDots.js';
import { tallyRanking } from './tallyRanking.js';
import { tallyScore } from './tallyScore.js';

/** A stored ballot with the voter's stakeholder group, as {@link tallyVote} reads it. */
export interface GroupedBallot {
  ballot: Ballot;
  group: VoterGroup;
}

/**
 * In an anonymous vote, a group with fewer ballots than this is left out of `byGroup`
 * (its ballots still count in the totals): a group of one or two would show how a
 * known person voted.
 */
export const ANONYMOUS_MIN_GROUP_SIZE = 3;

/** Groups in a stable order (as offered at join, then `unspecified`): `byGroup` serialises the same way each time. */
const GROUP_ORDER: readonly VoterGroup[] = [...ORGANISATION_TYPES, 'unspecified'];

/**
 * Tallies ballots with the rule of `vote.method`, without quorum or groups.
 *
 * `ballots` must have been parsed for this vote (see parseBallot): `Ballot` carries no
 * method tag, so the vote's method is what says which ballot shape they have.
 */
export function tallyMethod(vote: Pick<VoteDto, 'method' | 'options'>, ballots: readonly Ballot[]): MethodTally {
  switch (vote.method) {
    case 'approval':
      return tallyApproval(ballots as readonly ApprovalBallot[]);
    case 'consent':
      return tallyConsent(ballots as readonly ConsentBallot[]);
    case 'score':
      return tallyScore(vote.options, ballots as readonly ScoreBallot[]);
    case 'ranking':
      return tallyRanking(vote.options, ballots as readonly RankingBallot[]);
    case 'dots':
      return tallyDots(vote.options, ballots as readonly DotsBallot[]);
  }
}

/**
 * The full tally of a vote: the method's tally, the quorum (null when the vote has none;
 * met once `ballots >= required`) and, when `vote.splitByGroup`, a method tally per group
 * that has ballots (in an anonymous vote, at least ANONYMOUS_MIN_GROUP_SIZE). Consent reasons are kept only with `includeReasons` (facilitators),
 * and never inside `byGroup`: there, a small group could tie a reason to a person.
 *
 * Method outcomes (`carried`, `outcome`, winners) ignore the quorum; a reader must check
 * `quorum.met` before presenting a result as a decision.
 */
export function tallyVote(
  vote: Pick<VoteDto, 'method' | 'options' | 'quorum' | 'splitByGroup'> & { anonymous?: boolean },
  ballots: readonly GroupedBallot[],
  opts: { includeReasons: boolean },
): Tally {
  const minGroupSize = vote.anonymous ? ANONYMOUS_MIN_GROUP_SIZE : 1;
  const tally: Tally = {
    ...tallyMethod(
      vote,
      ballots.map((b) => b.ballot),
    ),
    quorum: vote.quorum === null ? null : { required: vote.quorum, met: ballots.length >= vote.quorum },
  };
  if (vote.splitByGroup) {
    const byGroup: NonNullable<Tally['byGroup']> = {};
    for (const group of GROUP_ORDER) {
      const inGroup = ballots.filter((b) => b.group === group).map((b) => b.ballot);
      if (inGroup.length >= minGroupSize) byGroup[group] = tallyMethod(vote, inGroup);
    }
    tally.byGroup = byGroup;
  }
  return redactTally(tally, opts);
}
