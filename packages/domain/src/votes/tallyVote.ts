import {
  ORGANISATION_TYPES,
  type ApprovalBallot,
  type Ballot,
  type ConsentBallot,
  type DotsBallot,
  type MethodTally,
  type NoOutcomeReason,
  type RoomCounts,
  type RankingBallot,
  type ScoreBallot,
  type Tally,
  type VoteDto,
  type VoteStatus,
  type VoterGroup,
} from '@roundtable/protocol/client';
import { redactTally } from './redactTally.js';
import { roomBallots, roomTally } from './roomCounts.js';
import { suppressSmallGroups } from './suppressSmallGroups.js';
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
 * In an anonymous vote, no row of the split (a group, or the groups left out taken together)
 * holds fewer ballots than this: a group of one or two would show how a known person voted.
 * See {@link suppressSmallGroups}.
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
 * met once `ballots >= required`: people who voted, electronically, one ballot per person
 * whatever their devices, or by a hand counted in the room; observers have no ballot) and, when `vote.splitByGroup`, a method tally per group
 * that has ballots. In an anonymous vote the split follows {@link suppressSmallGroups}: rows
 * of at least ANONYMOUS_MIN_GROUP_SIZE ballots, the groups left out pooled in `otherGroups`,
 * so that no arithmetic on totals and rows isolates fewer ballots than that; and only once
 * the vote is closed (`byGroup` is empty while it is open). Consent reasons
 * are kept only with `includeReasons` (facilitators), and never inside `byGroup` or
 * `otherGroups`: there, a small group could tie a reason to a person.
 *
 * A tally with no ballot, or whose quorum is not met, carries no outcome at all (api-v1 1.1):
 * no `carried`, no consent `outcome`, no Condorcet winner, neither at the top nor in a group
 * row, and `noOutcome` says why. Every reader (acks, snapshots, the web, the report) thus
 * shows counts only, and none can present a failed vote as "carried" or "no objection".
 */
export function tallyVote(
  vote: Pick<VoteDto, 'method' | 'options' | 'quorum' | 'splitByGroup'> & {
    anonymous?: boolean;
    /** An anonymous vote with no status is taken as open: its split waits for the close. */
    status?: VoteStatus;
  },
  cast: readonly GroupedBallot[],
  opts: {
    includeReasons: boolean;
    /** api-v1 1.1: hands counted in the room, counted like ballots (quorum included) and shown apart. */
    room?: RoomCounts;
  },
): Tally {
  const room = roomTally(opts.room);
  const ballots = room ? [...cast, ...roomBallots(opts.room)] : cast;
  const minGroupSize = vote.anonymous ? ANONYMOUS_MIN_GROUP_SIZE : 1;
  const tally: Tally = {
    ...tallyMethod(
      vote,
      ballots.map((b) => b.ballot),
    ),
    quorum: vote.quorum === null ? null : { required: vote.quorum, met: ballots.length >= vote.quorum },
  };
  if (vote.splitByGroup && vote.anonymous && vote.status !== 'closed') {
    // A split that moves as ballots arrive can be differenced over time: the row that grew
    // names the group of whoever just voted, and when a lone voter makes a shown group fold
    // into otherGroups, otherGroups(after) − that row(before) is their ballot. One split,
    // at the close, leaves nothing to difference.
    tally.byGroup = {};
  } else if (vote.splitByGroup) {
    const inGroup = (group: VoterGroup) => ballots.filter((b) => b.group === group).map((b) => b.ballot);
    const split = suppressSmallGroups(
      GROUP_ORDER.map((g) => [g, inGroup(g).length]),
      minGroupSize,
    );
    tally.byGroup = Object.fromEntries(split.shown.map((g) => [g, tallyMethod(vote, inGroup(g))]));
    if (split.pooledRow) {
      const pooled = new Set(split.pooled);
      tally.otherGroups = tallyMethod(
        vote,
        ballots.filter((b) => pooled.has(b.group)).map((b) => b.ballot),
      );
    }
  }
  if (room) {
    tally.room = room;
    // Reasons are the electronic ballots' alone: a hand raised in the room gives none.
    if (tally.method === 'consent') tally.reasons = tallyConsent(cast.map((b) => b.ballot) as ConsentBallot[]).reasons;
  }
  const noOutcome = noOutcomeReason(ballots.length, tally.quorum);
  return redactTally(noOutcome ? withoutOutcomes(tally, noOutcome) : tally, opts);
}

/** Why a tally of `ballots` ballots under `quorum` has no outcome, or undefined when it has one. */
export function noOutcomeReason(ballots: number, quorum: Tally['quorum']): NoOutcomeReason | undefined {
  if (ballots === 0) return 'no_ballots';
  if (quorum && !quorum.met) return 'quorum_not_met';
  return undefined;
}

/** One method tally with its outcome fields removed (counts kept). */
function withoutOutcome<T extends MethodTally>(tally: T): T {
  switch (tally.method) {
    case 'approval': {
      const { carried: _carried, ...rest } = tally;
      return rest as T;
    }
    case 'consent': {
      const { outcome: _outcome, ...rest } = tally;
      return rest as T;
    }
    case 'ranking':
      return { ...tally, condorcetWinner: null };
    default:
      return tally;
  }
}

function withoutOutcomes(tally: Tally, reason: NoOutcomeReason): Tally {
  const out: Tally = { ...withoutOutcome(tally), noOutcome: reason };
  if (tally.byGroup !== undefined) {
    out.byGroup = Object.fromEntries(Object.entries(tally.byGroup).map(([g, row]) => [g, withoutOutcome(row)]));
  }
  if (tally.otherGroups !== undefined) out.otherGroups = withoutOutcome(tally.otherGroups);
  return out;
}
