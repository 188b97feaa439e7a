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
import { MAX_INVITATIONS, MAX_RETENTION_DAYS } from './limits.js';
import { ParticipantId, TimeZone, singleLineText } from './primitives.js';
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
    /** Extension (docs/protocol.md): where the session meets, free text; empty: none. */
    place: text(0, 120).optional(),
    /** Extension: the IANA zone the session's times are written in (default `DEFAULT_TIME_ZONE`). */
    timeZone: TimeZone.optional(),
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
  /** api-v1.1: false when only personal invitation codes (and the facilitator's) join. */
  openJoin: boolean;
  /** Days after the session's creation when names become "Participant 1…n"; null: kept. */
  retentionDays: number | null;
  /** When the names were replaced; null until then. */
  anonymisedAt: string | null;
  /** Extension (docs/protocol.md): where the session meets; null when not given. */
  place: string | null;
  /** Extension: the IANA zone its times are written in (the report states it). */
  timeZone: string;
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

// ---- People (api-v1.1) ----

/** One invitee: who they are, as the facilitator typed or imported them. */
export const Invitee = z.strictObject({
  name: text(1, 80),
  organisation: text(0, 120).optional(),
  organisationType: OrganisationType.optional(),
  role: z.enum(['participant', 'observer']),
});
export type Invitee = z.infer<typeof Invitee>;

export const InvitationsBody = z.strictObject({
  people: z.array(Invitee).min(1).max(MAX_INVITATIONS),
});
export type InvitationsBody = z.infer<typeof InvitationsBody>;

/** A personal code, shown once: the server keeps only its hash. */
export interface InvitationDto {
  participantId: string;
  name: string;
  role: Role;
  code: string;
}

export interface InvitationsResponse {
  invitations: InvitationDto[];
}

export interface InvitationResponse {
  invitation: InvitationDto;
}

export const UpdateSessionBody = z.strictObject({
  openJoin: z.boolean().optional(),
  retentionDays: z.number().int().min(1).max(MAX_RETENTION_DAYS).nullable().optional(),
  /** Extension (docs/protocol.md): the session's place; "" or null removes it. */
  place: text(0, 120).nullable().optional(),
});
export type UpdateSessionBody = z.infer<typeof UpdateSessionBody>;

export interface SessionResponse {
  session: SessionDto;
}

export interface RotateCodesResponse {
  codes: Pick<SessionCodes, 'participant' | 'observer'>;
}

/** One person of a session: invited or joined, never one row per device. */
export interface AttendanceRow {
  participantId: string;
  name: string;
  organisation: string | null;
  organisationType: OrganisationType | null;
  role: Role;
  /** True when the person holds a personal invitation code. */
  invited: boolean;
  /** First join; null for an invitee who has not come yet. */
  firstSeenAt: string | null;
  /** Last join or last connection that closed; null before the first join. */
  lastSeenAt: string | null;
  /** Connected by socket.io to any instance now. */
  online: boolean;
}

export interface AttendanceResponse {
  people: AttendanceRow[];
}

/** Merges the row `from` into the row `into`: one person who joined twice. */
export const MergeParticipantsBody = z
  .strictObject({ into: ParticipantId, from: ParticipantId })
  .refine((b) => b.into !== b.from, { message: 'a row cannot be merged into itself', path: ['from'] });
export type MergeParticipantsBody = z.infer<typeof MergeParticipantsBody>;
