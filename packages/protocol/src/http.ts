import { z } from 'zod';
import {
  Language,
  Level,
  OrganisationType,
  type RecommendationStatus,
  type Role,
  SessionKind,
  Theme,
} from './enums.js';
import type { ErrorCode } from './codes.js';
import { singleLineText } from './primitives.js';
import type { VoteUpdated } from './votes.js';
import type { AgendaItem, MeetingState } from './facilitation.js';
import { SessionLanguages, type LanguageVersion } from './versions.js';

/** Titles, names and organisations are one line (see primitives.ts for the character rule). */
const text = singleLineText;

export const CreateSessionBody = z
  .strictObject({
    title: text(1, 200),
    kind: SessionKind,
    level: Level.optional(),
    themes: z.array(Theme).max(7).optional(),
    language: Language.optional(),
    /** api-v1 1.1: 1 to 3 languages, the first being `language` (default `[language]`). */
    languages: SessionLanguages.optional(),
  })
  .refine((b) => !b.language || !b.languages || b.languages[0] === b.language, {
    message: 'the first of languages is the session language',
    path: ['languages'],
  });
export type CreateSessionBody = z.infer<typeof CreateSessionBody>;

export const JoinBody = z.strictObject({
  code: z.string().trim().min(1).max(200),
  name: text(1, 80),
  organisation: text(0, 120).optional(),
  organisationType: OrganisationType.optional(),
});
export type JoinBody = z.infer<typeof JoinBody>;

/** A recommendation's title in each session language (api-v1 1.1). */
export const RecommendationTitles = z.strictObject({
  fr: text(1, 200).optional(),
  nl: text(1, 200).optional(),
  en: text(1, 200).optional(),
});
export type RecommendationTitles = z.infer<typeof RecommendationTitles>;

export const CreateRecommendationBody = z.strictObject({
  /** The first session language's title. */
  title: text(1, 200),
  theme: Theme.optional(),
  titles: RecommendationTitles.optional(),
});
export type CreateRecommendationBody = z.infer<typeof CreateRecommendationBody>;

export interface SessionDto {
  id: string;
  title: string;
  kind: SessionKind;
  level: Level | null;
  themes: Theme[];
  language: Language;
  /** api-v1 1.1: the session's languages, `language` first. */
  languages: Language[];
  createdAt: string;
}

export interface SessionCodes {
  facilitator: string;
  participant: string;
  observer: string;
}

export interface CreateSessionResponse {
  session: SessionDto;
  codes: SessionCodes;
}

export interface ParticipantDto {
  id: string;
  name: string;
  role: Role;
}

export interface JoinResponse {
  token: string;
  sessionId: string;
  participant: ParticipantDto;
}

export interface RecommendationDto {
  id: string;
  title: string;
  theme: Theme | null;
  status: RecommendationStatus;
  /** api-v1 1.1: the title in each session language that has one (the first always). */
  titles: RecommendationTitles;
  createdAt: string;
  /** Why the facilitator decided against the vote's outcome (api-v1 1.1); only when there was one. */
  decisionReason?: string;
}

export interface RecommendationResponse {
  recommendation: RecommendationDto;
}

export interface RecommendationTextResponse {
  recommendation: RecommendationDto;
  /** Plain text of the stored body: paragraphs joined by "\n". */
  text: string;
  /** api-v1 1.1: the language version `text` is (the first language without `?lang=`). */
  lang: Language;
  /** api-v1 1.1: every language version's alignment, in session order. */
  versions: LanguageVersion[];
}

export interface SessionSnapshot {
  session: SessionDto;
  /** The caller, as the token names them. */
  me: ParticipantDto;
  recommendations: RecommendationDto[];
  /** Participant and observer codes; only for facilitators (the facilitator code is never stored in clear). */
  codes?: Pick<SessionCodes, 'participant' | 'observer'>;
  agenda: AgendaItem[];
  /** Agenda, timer, queue, floor, tour, intervision; speaking time for facilitators. */
  meeting?: MeetingState;
  votes: VoteUpdated[];
}

export interface PresenceParticipant {
  id: string;
  name: string;
  role: Role;
  online: true;
}

export interface PresenceResponse {
  participants: PresenceParticipant[];
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: unknown[] };
}

/** Formats of GET /api/sessions/:id/report (facilitators). */
