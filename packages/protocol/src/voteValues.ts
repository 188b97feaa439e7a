import type { VoteMethod } from './votes.js';

/*
 * The votes' methods, choices and limits as plain values, without zod: votes.ts builds the
 * schemas from them, and the web (which loads no zod) uses them directly.
 */

/** Decision methods. Each has a ballot schema in votes.ts and a tally rule in @roundtable/domain. */
export const VOTE_METHODS = ['approval', 'consent', 'score', 'ranking', 'dots'] as const;

/** Methods deciding one motion (a recommendation or a question) rather than choosing among options. */
export const SINGLE_MOTION_METHODS = ['approval', 'consent'] as const satisfies readonly VoteMethod[];
export const isSingleMotion = (m: VoteMethod) => (SINGLE_MOTION_METHODS as readonly VoteMethod[]).includes(m);

/** What the facilitator decides for a recommendation after its vote closed. */
export const RECOMMENDATION_OUTCOMES = ['adopted', 'rejected', 'to_amend'] as const;

/** Highest score of the `score` method (0..MAX_SCORE). */
export const MAX_SCORE = 5;
/** Bounds of a vote's options and of the dots budget. */
export const MAX_VOTE_OPTIONS = 30;
export const MAX_DOTS_BUDGET = 100;
/** Longest reason for an objection or a block. */
export const MAX_REASON_LENGTH = 1000;
/** Longest timed vote: a meeting day. */
export const MAX_VOTE_DURATION_SECONDS = 12 * 60 * 60;

/** Default dots per voter when the facilitator gives none. */
export const DEFAULT_DOTS_BUDGET = 5;

/** The choices of an approval ballot and of a consent ballot. */
export const APPROVAL_CHOICES = ['for', 'against', 'abstain'] as const;
export const CONSENT_CHOICES = ['agree', 'stand_aside', 'object', 'block'] as const;

/** Longest reason for a decision that goes against the vote's outcome (api-v1 1.1). */
export const MAX_DECISION_REASON_LENGTH = 500;

/** Most people one room count may report for one choice (the size of a large venue). */
export const MAX_ROOM_COUNT = 100_000;

/** Methods whose ballots a show of hands can give: one motion, one choice each. */
export const ROOM_COUNT_CHOICES = {
  approval: APPROVAL_CHOICES,
  consent: CONSENT_CHOICES,
} as const satisfies Partial<Record<VoteMethod, readonly string[]>>;
