import { z } from 'zod';

/** Kinds of meeting the platform runs (api-v1 `kind`). */
export const SESSION_KINDS = [
  'thematic_meeting',
  'round_table',
  'participatory_dialogue',
  'training',
  'intervision',
] as const;
export const SessionKind = z.enum(SESSION_KINDS);
export type SessionKind = z.infer<typeof SessionKind>;

export const LEVELS = ['local', 'regional', 'federal'] as const;
export const Level = z.enum(LEVELS);
export type Level = z.infer<typeof Level>;

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
export const Theme = z.enum(THEMES);
export type Theme = z.infer<typeof Theme>;

export const LANGUAGES = ['fr', 'nl', 'en'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/** Decided by the code a person joins with, never by the client. */
export const ROLES = ['facilitator', 'participant', 'observer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

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
export const OrganisationType = z.enum(ORGANISATION_TYPES);
export type OrganisationType = z.infer<typeof OrganisationType>;

export const RECOMMENDATION_STATUSES = ['draft', 'voting', 'adopted', 'rejected', 'to_amend'] as const;
export const RecommendationStatus = z.enum(RECOMMENDATION_STATUSES);
export type RecommendationStatus = z.infer<typeof RecommendationStatus>;
