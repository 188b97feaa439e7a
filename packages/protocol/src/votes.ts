import { z } from 'zod';
import { type Language, OrganisationType } from './enums.js';
import { Id, multiLineText, singleLineText } from './primitives.js';
import {
  APPROVAL_CHOICES,
  CONSENT_CHOICES,
  isSingleMotion,
  MAX_DECISION_REASON_LENGTH,
  MAX_DOTS_BUDGET,
  MAX_REASON_LENGTH,
  MAX_ROOM_COUNT,
  MAX_SCORE,
  MAX_VOTE_DURATION_SECONDS,
  MAX_VOTE_OPTIONS,
  RECOMMENDATION_OUTCOMES,
  VOTE_METHODS,
} from './voteValues.js';

export const VoteMethod = z.enum(VOTE_METHODS);
export type VoteMethod = z.infer<typeof VoteMethod>;

export const VoteResults = z.enum(['live', 'on_close']);
export type VoteResults = z.infer<typeof VoteResults>;

export const VoteStatus = z.enum(['open', 'closed']);
export type VoteStatus = z.infer<typeof VoteStatus>;

export const RecommendationOutcome = z.enum(RECOMMENDATION_OUTCOMES);
export type RecommendationOutcome = z.infer<typeof RecommendationOutcome>;

/** A question or an option label: one line, the rule of every text field (primitives.ts). */
const Label = singleLineText(1, 300);

/**
 * `vote:open` payload. A single-motion method (approval, consent) takes one
 * `recommendationId`, a `question`, or both (the question is then the wording shown for the
 * recommendation; without it the server words one); the others choose among options, built
 * from `recommendationIds` (prioritising recommendations) or free `options` labels.
 */
export const VoteOpenPayload = z
  .strictObject({
    method: VoteMethod,
    recommendationId: Id.optional(),
    /**
     * api-v1 1.1: put one amendment to a vote (a single-motion method). The vote is about the
     * amendment, not its recommendation: the draft stays editable, and amendments of it may
     * still be proposed; the vote's frozen text is the amendment's replacement.
     */
    amendmentId: Id.optional(),
    recommendationIds: z.array(Id).min(2).max(MAX_VOTE_OPTIONS).optional(),
    question: Label.optional(),
    options: z.array(Label).min(2).max(MAX_VOTE_OPTIONS).optional(),
    anonymous: z.boolean().default(false),
    results: VoteResults.default('live'),
    /** Ballots needed for the result to count. */
    quorum: z.number().int().min(1).max(100_000).optional(),
    /** The server closes the vote this long after opening (survives restarts). */
    durationSeconds: z.number().int().min(10).max(MAX_VOTE_DURATION_SECONDS).optional(),
    /** Dots each voter may spread (dots method only). */
    dotsBudget: z.number().int().min(1).max(MAX_DOTS_BUDGET).optional(),
    /** Also tally per stakeholder group (organisation type given at join). */
    splitByGroup: z.boolean().default(false),
    /**
     * api-v1 1.1: open the vote although a language version is out of date or missing
     * (the facilitator's choice, recorded on the vote as `languagesOverridden`).
     */
    overrideLanguages: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    const single = isSingleMotion(v.method);
    const targets = [v.recommendationId, v.recommendationIds, v.options].filter((x) => x !== undefined).length;
    const unique = (xs: readonly string[] | undefined) => !xs || new Set(xs).size === xs.length;
    if (!unique(v.recommendationIds)) ctx.addIssue({ code: 'custom', message: 'a recommendation is listed twice' });
    if (!unique(v.options?.map((o) => o.toLowerCase()))) {
      ctx.addIssue({ code: 'custom', message: 'an option is listed twice' });
    }
    if (v.amendmentId !== undefined && !single) {
      ctx.addIssue({
        code: 'custom',
        message: 'an amendment is decided by approval or consent',
        path: ['amendmentId'],
      });
    }
    if (single) {
      // Both together (api-v1 1.1): the vote is about the recommendation, `question` is its wording.
      if (v.recommendationIds || v.options) {
        ctx.addIssue({ code: 'custom', message: `${v.method} decides one motion: give recommendationId or question` });
      }
      if (!v.recommendationId && !v.question && !v.amendmentId) {
        ctx.addIssue({ code: 'custom', message: 'give recommendationId, amendmentId, question or both' });
      }
    } else if (targets !== 1 || v.recommendationId) {
      ctx.addIssue({ code: 'custom', message: `${v.method} chooses among options: give recommendationIds or options` });
    }
    if (v.dotsBudget !== undefined && v.method !== 'dots') {
      ctx.addIssue({ code: 'custom', message: 'dotsBudget is for the dots method', path: ['dotsBudget'] });
    }
  });
export type VoteOpenPayload = z.input<typeof VoteOpenPayload>;
export type VoteOpenParsed = z.output<typeof VoteOpenPayload>;

/* Ballots, one schema per method. Option ids are checked against the vote by the domain. */
export const ApprovalBallot = z.strictObject({ choice: z.enum(APPROVAL_CHOICES) });
export const ConsentChoice = z.enum(CONSENT_CHOICES);
export const ConsentBallot = z
  .strictObject({
    choice: ConsentChoice,
    reason: multiLineText(0, MAX_REASON_LENGTH).optional(),
  })
  .refine((b) => (b.choice === 'object' || b.choice === 'block' ? !!b.reason : true), {
    message: 'an objection or a block needs a reason',
    path: ['reason'],
  });
export const ScoreBallot = z.strictObject({
  scores: z.record(Id, z.number().int().min(0).max(MAX_SCORE)),
});
export const RankingBallot = z.strictObject({
  /** Option ids, most preferred first; options left out rank below all listed ones. */
  order: z.array(Id).min(1).max(MAX_VOTE_OPTIONS),
});
export const DotsBallot = z.strictObject({
  dots: z.record(Id, z.number().int().min(0).max(MAX_DOTS_BUDGET)),
});

export const BALLOT_SCHEMAS = {
  approval: ApprovalBallot,
  consent: ConsentBallot,
  score: ScoreBallot,
  ranking: RankingBallot,
  dots: DotsBallot,
} as const;

export type ApprovalBallot = z.infer<typeof ApprovalBallot>;
export type ConsentBallot = z.infer<typeof ConsentBallot>;
export type ScoreBallot = z.infer<typeof ScoreBallot>;
export type RankingBallot = z.infer<typeof RankingBallot>;
export type DotsBallot = z.infer<typeof DotsBallot>;
export interface BallotByMethod {
  approval: ApprovalBallot;
  consent: ConsentBallot;
  score: ScoreBallot;
  ranking: RankingBallot;
  dots: DotsBallot;
}
export type Ballot = BallotByMethod[VoteMethod];

export const VoteCastPayload = z.strictObject({ voteId: Id, ballot: z.unknown() });
export const VoteClosePayload = z.strictObject({ voteId: Id });
export const RecommendationDecidePayload = z.strictObject({
  recommendationId: Id,
  outcome: RecommendationOutcome,
  /**
   * Why the decision goes against the last closed vote's outcome: required then (the
   * server answers `invalid_request` without it), optional otherwise; stored and printed
   * in the report.
   */
  reason: multiLineText(1, MAX_DECISION_REASON_LENGTH).optional(),
});

export interface VoteOption {
  id: string;
  label: string;
  recommendationId: string | null;
}

/** Which frozen text, and its SHA-256 (hex, of its UTF-8 bytes). */
export interface FrozenTextRef {
  recommendationId: string;
  lang: Language;
  sha256: string;
}

/** A frozen text with its words (GET .../votes/:voteId/texts). */
export interface FrozenText extends FrozenTextRef {
  text: string;
}

export interface FrozenTextsResponse {
  texts: FrozenText[];
}

export interface VoteDto {
  id: string;
  sessionId: string;
  method: VoteMethod;
  status: VoteStatus;
  /** The recommendation a single-motion vote decides, or null for a question / options. */
  recommendationId: string | null;
  /**
   * api-v1 1.1: the amendment this vote is on (then `recommendationId` is null: the vote
   * does not decide the recommendation); null otherwise.
   */
  amendmentId: string | null;
  question: string | null;
  options: VoteOption[];
  anonymous: boolean;
  results: VoteResults;
  quorum: number | null;
  dotsBudget: number | null;
  splitByGroup: boolean;
  /**
   * The exact draft texts voted on, frozen when the vote opened: one entry per
   * recommendation the vote is about and per session language, with its SHA-256. The texts
   * themselves are read from GET .../votes/:voteId/texts, so a long draft is not copied into
   * every snapshot and every vote update.
   */
  frozenTexts: FrozenTextRef[];
  /** api-v1 1.1: opened with `overrideLanguages` while a version was out of date or missing. */
  languagesOverridden: boolean;
  openedAt: string;
  /** When a timed vote closes by itself. */
  closesAt: string | null;
  closedAt: string | null;
}

/* Tallies, derived from stored ballots only. */
export interface ApprovalTally {
  method: 'approval';
  for: number;
  against: number;
  abstain: number;
  ballots: number;
  /**
   * More for than against. Absent when the vote has no outcome: no ballot, or a quorum not
   * met (api-v1 1.1: no "carried" is shown then). See {@link Tally}.
   */
  carried?: boolean;
}
export interface ConsentTally {
  method: 'consent';
  agree: number;
  stand_aside: number;
  object: number;
  block: number;
  ballots: number;
  /** One block stops adoption; objections are to be heard first. Absent when the vote has no outcome. */
  outcome?: 'consent' | 'objections' | 'blocked';
  /** Reasons of objections and blocks; only facilitators see them. */
  reasons?: { choice: 'object' | 'block'; reason: string }[];
}
export interface ScoreTally {
  method: 'score';
  ballots: number;
  options: { optionId: string; mean: number | null; count: number; distribution: number[] }[];
}
export interface RankingTally {
  method: 'ranking';
  ballots: number;
  options: { optionId: string; borda: number }[];
  /** The option that beats every other one head to head, if any; null too when the vote has no outcome. */
  condorcetWinner: string | null;
}
export interface DotsTally {
  method: 'dots';
  ballots: number;
  options: { optionId: string; dots: number }[];
}
export type MethodTally = ApprovalTally | ConsentTally | ScoreTally | RankingTally | DotsTally;

/** Group key of a ballot: the voter's organisation type, or `unspecified`. */
export const VoterGroup = z.union([OrganisationType, z.literal('unspecified')]);
export type VoterGroup = z.infer<typeof VoterGroup>;

/**
 * Why a tally carries no outcome (no `carried`, consent `outcome` or Condorcet winner, at the
 * top or in any group row): nobody voted, or fewer voted than the quorum asked.
 */
export type NoOutcomeReason = 'no_ballots' | 'quorum_not_met';

export type Tally = MethodTally & {
  quorum: { required: number; met: boolean } | null;
  /** Present exactly when the tally carries no outcome. */
  noOutcome?: NoOutcomeReason;
  /**
   * Per stakeholder group, when the vote asked for it. In an anonymous vote a group has a row
   * only with at least 3 ballots, and only when what is left out is 3 ballots or more.
   */
  byGroup?: Partial<Record<VoterGroup, MethodTally>>;
  /**
   * Anonymous votes: the groups left out of `byGroup`, tallied together (always 3 ballots or
   * more), so that `byGroup` plus this row adds up to the totals. Absent when no group is left
   * out, or when the left-out ballots are too few to show even together.
   */
  otherGroups?: MethodTally;
  /**
   * api-v1 1.1: hands counted in the room by the facilitator, already included in every count
   * above (and towards the quorum), shown apart. Absent when none were entered.
   */
  room?: RoomTally;
};

export interface VoteUpdated {
  vote: VoteDto;
  /** Ballots cast so far; always present. */
  turnout: number;
  /** Present for facilitators, and for everyone when results are live or the vote is closed. */
  tally?: Tally;
}

const RoomCount = z.number().int().min(0).max(MAX_ROOM_COUNT);
/** Choice -> people counted; which choices a vote takes is the method's (see ROOM_COUNT_CHOICES). */
const RoomCountsByChoice = z.record(z.string().max(40), RoomCount);

/**
 * api-v1 1.1 `vote:roomCounts` (facilitator): hands counted in the room, per choice, for the
 * whole room (`counts`) or, in a vote split by group, per group (`byGroup`). Replaces the
 * vote's previous room counts; all zeros clears them. Open or closed votes alike.
 */
export const VoteRoomCountsPayload = z
  .strictObject({
    voteId: Id,
    counts: RoomCountsByChoice.optional(),
    byGroup: z.partialRecord(VoterGroup, RoomCountsByChoice).optional(),
  })
  .refine((p) => (p.counts === undefined) !== (p.byGroup === undefined), {
    message: 'give counts or byGroup, not both',
  });
export type VoteRoomCountsPayload = z.infer<typeof VoteRoomCountsPayload>;

/** Room counts as stored: per group (`unspecified` for a count of the whole room), per choice. */
export type RoomCounts = Partial<Record<VoterGroup, Record<string, number>>>;

/** What a tally shows of the room counts it added: labelled apart as "counted in the room". */
export interface RoomTally {
  /** People counted in the room (all choices). */
  ballots: number;
  /** Per choice, all groups together. */
  counts: Record<string, number>;
}
