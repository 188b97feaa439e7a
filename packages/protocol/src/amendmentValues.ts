/*
 * Amendments' and history's limits and closed lists as plain values, without zod:
 * amendments.ts builds the schemas from them, and the web (which loads no zod) uses them.
 */

export const MAX_PASSAGE_LENGTH = 5000;
export const MAX_AMENDMENT_REASON_LENGTH = 500;
/** Longest label of a saved version. */
export const MAX_VERSION_LABEL_LENGTH = 120;
/**
 * Open (proposed) amendments one person may have on one recommendation: enough for a
 * careful reader of a long draft, not a flood that buries everyone else's.
 */
export const MAX_OPEN_AMENDMENTS_PER_PERSON = 20;
/** Amendments one person may propose per minute (a burst of AMENDMENT_RATE.burst). */
export const AMENDMENT_RATE = { perSecond: 10 / 60, burst: 10 } as const;

/**
 * Versions a facilitator may save (or restore, which saves one) of one recommendation, and of
 * one session in all. Each holds the draft's texts and Yjs state, up to MAX_DRAFT_BYTES
 * (1 MiB): without a cap one account could fill the database. A meeting saves a handful per
 * draft ("before the break", "after the working group"); 50 per draft and 300 per session
 * keep a session's saved versions under ~300 MiB at the very worst (a few MiB for real drafts).
 * Over either, `too_many_versions` (409). Versions the server keeps by itself (votes,
 * decisions, accepted amendments) are not counted and never refused.
 */
export const MAX_SAVED_VERSIONS_PER_RECOMMENDATION = 50;
export const MAX_SAVED_VERSIONS_PER_SESSION = 300;
/** Versions one person may save or restore per minute, after a burst (token bucket, per instance). */
export const VERSION_SAVE_RATE = { perSecond: 6 / 60, burst: 5 } as const;

export const AMENDMENT_STATUSES = ['proposed', 'accepted', 'rejected'] as const;

/** Why a version was kept. */
export const VERSION_REASONS = ['vote_opened', 'decided', 'amendment_accepted', 'saved'] as const;
export type VersionReason = (typeof VERSION_REASONS)[number];
