import { z } from 'zod';
import {
  LANGUAGES,
  LEVELS,
  ORGANISATION_TYPES,
  RECOMMENDATION_STATUSES,
  ROLES,
  SESSION_KINDS,
  THEMES,
} from './enumValues.js';

/* The schemas of the closed lists of enumValues.ts (see there what each one is). */

export const SessionKind = z.enum(SESSION_KINDS);
export type SessionKind = z.infer<typeof SessionKind>;

export const Level = z.enum(LEVELS);
export type Level = z.infer<typeof Level>;

export const Theme = z.enum(THEMES);
export type Theme = z.infer<typeof Theme>;

export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const OrganisationType = z.enum(ORGANISATION_TYPES);
export type OrganisationType = z.infer<typeof OrganisationType>;

export const RecommendationStatus = z.enum(RECOMMENDATION_STATUSES);
export type RecommendationStatus = z.infer<typeof RecommendationStatus>;
