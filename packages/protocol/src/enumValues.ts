/*
 * The closed lists of the protocol as plain arrays, without zod: enums.ts builds the
 * schemas from them, and the web (which loads no zod) uses them directly.
 */

/** Kinds of meeting the platform runs (api-v1 `kind`). */
export const SESSION_KINDS = [
  'thematic_meeting',
  'round_table',
  'participatory_dialogue',
  'training',
  'intervision',
] as const;

export const LEVELS = ['local', 'regional', 'federal'] as const;

/** Themes users pick from; anti-discrimination is the thread through all of them. */
export const THEMES = [
  'employment',
  'education',
  'housing',
  'health',
  'anti_discrimination',
  'gender',
  'youth',
] as const;

export const LANGUAGES = ['fr', 'nl', 'en'] as const;

/** Decided by the code a person joins with, never by the client. */
export const ROLES = ['facilitator', 'participant', 'observer'] as const;

/**
 * The stakeholder group a participant may give when joining. It is the only
 * classification we ever ask for: no ethnicity or other sensitive data.
 */
export const ORGANISATION_TYPES = [
  'administration',
  'local_authority',
  'civil_society',
  'equality_body',
  'other',
] as const;

export const RECOMMENDATION_STATUSES = ['draft', 'voting', 'adopted', 'rejected', 'to_amend'] as const;

/** Formats the session report is downloaded in. */
export const REPORT_FORMATS = ['md', 'html', 'docx', 'pdf', 'json'] as const;

/**
 * Languages a report is written in: one of the session languages, or `fr+nl`, French and
 * Dutch side by side (two columns in HTML, DOCX and PDF; one after the other in Markdown).
 */
export const REPORT_LANGUAGES = ['fr', 'nl', 'en', 'fr+nl'] as const;
