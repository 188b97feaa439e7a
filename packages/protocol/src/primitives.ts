import { z } from 'zod';
import { REPORT_FORMATS, REPORT_LANGUAGES } from './enumValues.js';
import { ID_PATTERN, hasLineBreak, isCleanText, normaliseLineBreaks } from './textRules.js';
import { canonicalTimeZone, isTimeZone } from './timeZones.js';

/*
 * The building blocks every other schema of the protocol uses, defined once: ids, the
 * rule for user-visible text, time zones, the report formats. The rules themselves are
 * plain functions (textRules.ts, timeZones.ts) that the web can use without zod.
 */

/** Any id of the protocol (session, participant, recommendation, vote, agenda item). */
export const Id = z.string().regex(ID_PATTERN, 'must be an id');
export const SessionId = Id;
export const ParticipantId = Id;
export const RecommendationId = Id;
export const VoteId = Id;

/**
 * A one-line user-visible text (names, titles, vote options): trimmed; line breaks are
 * refused rather than joined, since the client that sent one did not mean this text.
 */
export const singleLineText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => isCleanText(s) && !hasLineBreak(s), 'must be one line without control characters');

/** A multi-line user-visible text (reasons): trimmed, CR and CRLF normalised to LF. */
export const multiLineText = (min: number, max: number) =>
  z
    .string()
    .overwrite(normaliseLineBreaks)
    .trim()
    .min(min)
    .max(max)
    .refine(isCleanText, 'must not contain control characters');

/**
 * A passage of a draft, quoted or replacing one (amendments): like `multiLineText` but not
 * trimmed, since the spaces around a passage are part of what it replaces.
 */
export const passageText = (min: number, max: number) =>
  z
    .string()
    .overwrite(normaliseLineBreaks)
    .min(min)
    .max(max)
    .refine(isCleanText, 'must not contain control characters');

/**
 * An IANA time zone name (a session's zone): what Intl.DateTimeFormat accepts, offsets
 * refused, written as Intl spells it.
 */
export const TimeZone = z.string().refine(isTimeZone, 'must be an IANA time zone name').overwrite(canonicalTimeZone);

export const ReportFormat = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof ReportFormat>;
export const ReportLanguage = z.enum(REPORT_LANGUAGES);
export type ReportLanguage = z.infer<typeof ReportLanguage>;
