import { LANGUAGES } from './enumValues.js';
import type { Language } from './enums.js';
import type { AlignmentStamp } from './versions.js';

/*
 * Where a recommendation's draft lives in its Yjs document (api-v1 1.1, language versions:
 * versions.ts has their schemas and docs/architecture.md "Language versions" the why):
 * field names, paragraph ids and the alignment map's keys, without zod.
 */

/** The Y.XmlFragment holding a recommendation's draft in its Yjs document (api-v1). */
export const DRAFT_BODY_FIELD = 'body';

/** At most this many languages per session (fr, nl, en). */
export const MAX_SESSION_LANGUAGES = LANGUAGES.length;

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

export const VERSION_STATUSES = ['aligned', 'out_of_date', 'missing'] as const;

/** Longest `at`, `by` and `name` of an alignment stamp (the AlignmentStamp schema of versions.ts). */
const STAMP_TEXT_LIMITS = { at: 40, by: 64, name: 80 } as const;

/**
 * True when `value` has the shape of an alignment stamp, as the AlignmentStamp schema accepts
 * one (draftFields.test.ts checks both agree): the alignment map is part of a Yjs document
 * that any client may write to, and the web reads it without zod (issue #12).
 */
export function isAlignmentStamp(value: unknown): value is AlignmentStamp {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  const keys = Object.keys(v);
  const texts = Object.entries(STAMP_TEXT_LIMITS);
  return (
    keys.every((k) => k === 'seq' || k in STAMP_TEXT_LIMITS) &&
    Number.isSafeInteger(v.seq) &&
    (v.seq as number) >= 0 &&
    texts.every(([k, max]) => typeof v[k] === 'string' && (v[k] as string).length <= max)
  );
}
