import { z } from 'zod';
import { Language } from './enums.js';
import {
  AMENDMENT_STATUSES,
  MAX_AMENDMENT_REASON_LENGTH,
  MAX_PASSAGE_LENGTH,
  MAX_VERSION_LABEL_LENGTH,
  type VersionReason,
} from './amendmentValues.js';
import { Id, multiLineText, passageText } from './primitives.js';

/*
 * Amendments and history of a recommendation's draft (api-v1 1.1, "Amendments", "History").
 * An amendment is to one language version: replace `original` (which must occur exactly once
 * in that version's plain text) by `replacement`. Versions are snapshots of every language
 * version's text, kept by the server at votes, decisions, accepted amendments and on request.
 */

/** `POST .../recommendations/:id/amendments`. */
export const ProposeAmendmentBody = z.strictObject({
  /** The language version; the session's first language when absent. */
  lang: Language.optional(),
  original: passageText(1, MAX_PASSAGE_LENGTH),
  replacement: passageText(0, MAX_PASSAGE_LENGTH),
  reason: multiLineText(0, MAX_AMENDMENT_REASON_LENGTH).optional(),
});
export type ProposeAmendmentBody = z.infer<typeof ProposeAmendmentBody>;

export const AmendmentStatus = z.enum(AMENDMENT_STATUSES);
export type AmendmentStatus = z.infer<typeof AmendmentStatus>;

export const AmendmentOutcome = z.enum(['accepted', 'rejected']);
export type AmendmentOutcome = z.infer<typeof AmendmentOutcome>;

/** `amendment:decide` (facilitator). */
export const AmendmentDecidePayload = z.strictObject({ amendmentId: Id, outcome: AmendmentOutcome });

export interface AmendmentDto {
  id: string;
  recommendationId: string;
  lang: Language;
  original: string;
  replacement: string;
  /** Empty string when none was given. */
  reason: string;
  status: AmendmentStatus;
  authorId: string;
  /** The author's name as the session knows it now (after retention: "Participant n"). */
  authorName: string;
  createdAt: string;
  decidedAt: string | null;
  /** How it was decided: by the room's consensus, or after a vote (`voteId`). */
  decidedBy: 'consensus' | 'vote' | null;
  /** The vote put on this amendment that decided it, or the open one. */
  voteId: string | null;
  /** A proposed amendment whose `original` no longer occurs exactly once in its version. */
  stale: boolean;
  /** Ids of the other proposed amendments of the same version whose passages overlap this one's. */
  overlaps: string[];
}

export interface AmendmentResponse {
  amendment: AmendmentDto;
}
export interface AmendmentsResponse {
  amendments: AmendmentDto[];
}

/** `POST .../recommendations/:id/history`. */
export const SaveVersionBody = z.strictObject({
  label: multiLineText(0, MAX_VERSION_LABEL_LENGTH).optional(),
});

/** Someone whose edits are in a version (or since the newest one). */
export interface VersionEditor {
  participantId: string;
  name: string;
}

export interface DraftVersionDto {
  id: string;
  recommendationId: string;
  createdAt: string;
  reason: VersionReason;
  /** SHA-256 (hex, of the UTF-8 bytes) of each language version's text. */
  hashes: Partial<Record<Language, string>>;
  label: string | null;
  /** The version a restore brought back (reason "saved"), else null. */
  restoredFrom: string | null;
  /** The accepted amendment (reason "amendment_accepted") or opened vote ("vote_opened"). */
  amendmentId: string | null;
  voteId: string | null;
  /** People whose edits landed between the previous version and this one. */
  editors: VersionEditor[];
}

export interface HistoryResponse {
  versions: DraftVersionDto[];
  /** People whose edits landed after the newest version ("changes since you left"). */
  editorsSinceLast: VersionEditor[];
}
export interface VersionResponse {
  version: DraftVersionDto;
}
export interface VersionTextsResponse {
  version: DraftVersionDto;
  texts: Partial<Record<Language, string>>;
}
