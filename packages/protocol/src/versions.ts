import { z } from 'zod';
import { MAX_SESSION_LANGUAGES, VERSION_STATUSES } from './draftFields.js';
import { Language } from './enums.js';
import { RecommendationId } from './primitives.js';

/*
 * Language versions of a recommendation (api-v1 1.1): one XmlFragment per session language in
 * the draft's Yjs document, paragraphs paired across versions by a stable id, and the
 * alignment state (who edited which paragraph of which version, who confirmed a version)
 * in a Y.Map of the same document. docs/architecture.md "Language versions" explains why.
 */

/** A session's languages: 1 to 3, no repeat, in order; the first is the session's language. */
export const SessionLanguages = z
  .array(Language)
  .min(1)
  .max(MAX_SESSION_LANGUAGES)
  .refine((ls) => new Set(ls).size === ls.length, 'a language is listed twice');
export type SessionLanguages = z.infer<typeof SessionLanguages>;

/**
 * Who did something to a version and when. `seq` orders stamps within one document (the
 * server gives each new stamp the highest seq it sees plus one); `at` is for people.
 */
export const AlignmentStamp = z.strictObject({
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  at: z.string().max(40),
  /** Participant id. */
  by: z.string().max(64),
  /** Their display name at the time, so a reader sees who without a lookup. */
  name: z.string().max(80),
});
export type AlignmentStamp = z.infer<typeof AlignmentStamp>;

export const VersionStatus = z.enum(VERSION_STATUSES);
export type VersionStatus = z.infer<typeof VersionStatus>;

/** One language version's state, as GET .../recommendations/:id carries it. */
export interface LanguageVersion {
  lang: Language;
  status: VersionStatus;
  /** Paragraphs of this version whose counterpart was edited after this version was confirmed. */
  outOfDateParagraphs: number;
  /** Paragraphs another version has that this one lacks. */
  missingParagraphs: number;
}

/** `translation:confirm`: someone checked version `lang` against the others. */
export const TranslationConfirmPayload = z.strictObject({ recommendationId: RecommendationId, lang: Language });

/** `?lang=` of GET .../recommendations/:id. */
export const RecommendationTextQuery = z.object({ lang: Language.optional() });
