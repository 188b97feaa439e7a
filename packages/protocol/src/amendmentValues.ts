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

export const AMENDMENT_STATUSES = ['proposed', 'accepted', 'rejected'] as const;

/** Why a version was kept. */
export const VERSION_REASONS = ['vote_opened', 'decided', 'amendment_accepted', 'saved'] as const;
export type VersionReason = (typeof VERSION_REASONS)[number];
