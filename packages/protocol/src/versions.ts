import { z } from 'zod';
import { Language, LANGUAGES } from './enums.js';
import { DRAFT_BODY_FIELD, RecommendationId } from './primitives.js';

/*
 * Language versions of a recommendation (api-v1 1.1): one XmlFragment per session language in
 * the draft's Yjs document, paragraphs paired across versions by a stable id, and the
 * alignment state (who edited which paragraph of which version, who confirmed a version)
 * in a Y.Map of the same document. docs/architecture.md "Language versions" explains why.
 */

/** At most this many languages per session (fr, nl, en). */
export const MAX_SESSION_LANGUAGES = LANGUAGES.length;

/** A session's languages: 1 to 3, no repeat, in order; the first is the session's language. */
export const SessionLanguages = z
  .array(Language)
  .min(1)
  .max(MAX_SESSION_LANGUAGES)
  .refine((ls) => new Set(ls).size === ls.length, 'a language is listed twice');
export type SessionLanguages = z.infer<typeof SessionLanguages>;

/**
 * The XmlFragment holding one language version: `body` for the session's first language
 * (unchanged from api-v1 1.0), `body_<lang>` for each other one.
 */
export function draftBodyField(lang: Language, languages: readonly Language[]): string {
  return lang === languages[0] ? DRAFT_BODY_FIELD : `${DRAFT_BODY_FIELD}_${lang}`;
}

/**
 * Attribute of a top-level block (paragraph, heading, list) naming it across versions: the
 * same id in `body` and `body_nl` is the same paragraph in two languages. Not `id`, so two
 * versions shown side by side do not put the same DOM id twice on a page.
 */
export const PARAGRAPH_ID_ATTRIBUTE = 'pid';
/** Paragraph ids: what a unique-id extension makes (uuid-like), bounded so a key stays small. */
export const PARAGRAPH_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const isParagraphId = (v: unknown): v is string => typeof v === 'string' && PARAGRAPH_ID_PATTERN.test(v);

/** The Y.Map of the draft's document holding the alignment stamps (written by the server). */
export const ALIGNMENT_MAP = 'alignment';
/** Key of the last edit of paragraph `pid` in version `lang`. */
export const editStampKey = (lang: Language, pid: string) => `edit:${lang}:${pid}`;
/** Key of the last confirmation of version `lang`. */
export const confirmStampKey = (lang: Language) => `confirm:${lang}`;

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

export const VERSION_STATUSES = ['aligned', 'out_of_date', 'missing'] as const;
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
