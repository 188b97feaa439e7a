import type { Generated, Selectable } from 'kysely';
import { type Ballot, DEFAULT_TIME_ZONE, type Role, type VoterGroup } from '@roundtable/protocol';
import type {
  BallotRecord,
  ParticipantRecord,
  PersonRecord,
  RecommendationRecord,
  SessionRecord,
  VoteRecord,
} from './Storage.js';

/** Row shapes of the one schema (migrations.ts), the same on SQLite and PostgreSQL. */
export interface SessionRow {
  id: string;
  title: string;
  kind: string;
  level: string | null;
  themes: string;
  language: string;
  /** JSON array; NULL in sessions made before api-v1 1.1 (then `[language]`). */
  languages: string | null;
  participant_code: string;
  observer_code: string;
  facilitator_code_hash: string;
  created_at: string;
  /** 0/1 on both databases. */
  open_join: Generated<number>;
  retention_days: number | null;
  anonymised_at: string | null;
  /** NULL: no place given (and every session made before places). */
  place: string | null;
  /** IANA name; NULL in sessions made before zones (they meant `DEFAULT_TIME_ZONE`). */
  time_zone: string | null;
}

export interface ParticipantRow {
  id: string;
  session_id: string;
  name: string;
  organisation: string | null;
  organisation_type: string | null;
  role: string;
  created_at: string;
  code_hash: string | null;
  first_seen_at: string | null;
  last_seen_at: string | null;
  removed_at: string | null;
  merged_into: string | null;
}

export interface RecommendationRow {
  id: string;
  session_id: string;
  title: string;
  theme: string | null;
  status: string;
  /** JSON object lang → title; NULL before api-v1 1.1. */
  titles: string | null;
  created_at: string;
  /** Added by migration 4. */
  decision_reason: string | null;
}

// Rows come from our own schema, written only through the Storage classes, so they are
// mapped with casts rather than re-parsed.
export const toSession = (r: Selectable<SessionRow>): SessionRecord => ({
  id: r.id,
  title: r.title,
  kind: r.kind as SessionRecord['kind'],
  level: r.level as SessionRecord['level'],
  themes: JSON.parse(r.themes) as SessionRecord['themes'],
  language: r.language as SessionRecord['language'],
  languages: r.languages
    ? (JSON.parse(r.languages) as SessionRecord['languages'])
    : [r.language as SessionRecord['language']],
  participantCode: r.participant_code,
  observerCode: r.observer_code,
  facilitatorCodeHash: r.facilitator_code_hash,
  createdAt: r.created_at,
  openJoin: Number(r.open_join) === 1,
  retentionDays: r.retention_days === null ? null : Number(r.retention_days),
  anonymisedAt: r.anonymised_at,
  place: r.place,
  timeZone: r.time_zone ?? DEFAULT_TIME_ZONE,
});

export interface VoteRow {
  id: string;
  session_id: string;
  method: string;
  status: string;
  recommendation_id: string | null;
  question: string | null;
  options: string;
  /** 0/1 in SQLite, boolean in PostgreSQL (which reads 0/1 too, so 0/1 is written). */
  anonymous: number | boolean;
  results: string;
  quorum: number | null;
  dots_budget: number | null;
  split_by_group: number | boolean;
  frozen_texts: string;
  /** 0/1 (see anonymous); NULL before api-v1 1.1. */
  languages_overridden: number | boolean | null;
  /** The amendment voted on (api-v1 1.1); NULL otherwise and before migration 11. */
  amendment_id: string | null;
  opened_at: string;
  closes_at: string | null;
  closed_at: string | null;
}

/** Hands counted in the room for one vote: JSON of RoomCounts (group -> choice -> people). */
export interface VoteRoomCountsRow {
  vote_id: string;
  counts: string;
  updated_at: string;
}

export interface BallotRow {
  vote_id: string;
  voter_key: string;
  participant_id: string | null;
  voter_group: string;
  ballot: string;
  cast_at: string | null;
}

export const toVote = (r: VoteRow): VoteRecord => ({
  id: r.id,
  sessionId: r.session_id,
  method: r.method as VoteRecord['method'],
  status: r.status as VoteRecord['status'],
  recommendationId: r.recommendation_id,
  amendmentId: r.amendment_id ?? null,
  question: r.question,
  options: JSON.parse(r.options) as VoteRecord['options'],
  anonymous: r.anonymous === 1 || r.anonymous === true,
  results: r.results as VoteRecord['results'],
  quorum: r.quorum,
  dotsBudget: r.dots_budget,
  splitByGroup: r.split_by_group === 1 || r.split_by_group === true,
  frozenTexts: JSON.parse(r.frozen_texts) as VoteRecord['frozenTexts'],
  languagesOverridden: r.languages_overridden === 1 || r.languages_overridden === true,
  openedAt: r.opened_at,
  closesAt: r.closes_at,
  closedAt: r.closed_at,
});

export const toBallot = (r: BallotRow): BallotRecord => ({
  voteId: r.vote_id,
  voterKey: r.voter_key,
  participantId: r.participant_id,
  group: r.voter_group as VoterGroup,
  ballot: JSON.parse(r.ballot) as Ballot,
  castAt: r.cast_at,
});

export const toParticipant = (r: ParticipantRow): ParticipantRecord => ({
  id: r.id,
  sessionId: r.session_id,
  name: r.name,
  organisation: r.organisation,
  organisationType: r.organisation_type as ParticipantRecord['organisationType'],
  role: r.role as Role,
  createdAt: r.created_at,
});

export const toPerson = (r: ParticipantRow): PersonRecord => ({
  ...toParticipant(r),
  invited: r.code_hash !== null,
  firstSeenAt: r.first_seen_at,
  lastSeenAt: r.last_seen_at,
});

export const toRecommendation = (r: RecommendationRow): RecommendationRecord => ({
  id: r.id,
  sessionId: r.session_id,
  title: r.title,
  theme: r.theme as RecommendationRecord['theme'],
  status: r.status as RecommendationRecord['status'],
  titles: r.titles ? (JSON.parse(r.titles) as RecommendationRecord['titles']) : {},
  createdAt: r.created_at,
  decisionReason: r.decision_reason,
});

export interface DocUpdateRow {
  /** BIGSERIAL in PostgreSQL, which pg returns as a string. */
  seq: Generated<number | string>;
  doc_name: string;
  data: Buffer;
}

export interface FacilitationStateRow {
  session_id: string;
  revision: number;
  state: string;
}

/** An amendment to one language version of a draft (migration 11). */
export interface AmendmentRow {
  id: string;
  session_id: string;
  recommendation_id: string;
  lang: string;
  original: string;
  replacement: string;
  reason: string | null;
  status: string;
  /** A participant id only: names are read from participants (retention replaces them). */
  author_id: string;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
  vote_id: string | null;
}

/** A kept version of a draft (migration 11). */
export interface DocVersionRow {
  id: string;
  session_id: string;
  recommendation_id: string;
  created_at: string;
  reason: string;
  label: string | null;
  restored_from: string | null;
  amendment_id: string | null;
  vote_id: string | null;
  /** JSON object lang -> plain text, and lang -> SHA-256 of it. */
  texts: string;
  hashes: string;
  /** JSON array of participant ids whose edits landed since the previous version. */
  editors: string;
  /** Y.encodeStateAsUpdate of the document then, so a restore brings back its structure. */
  state: Buffer | null;
}

/** Who edited which document, last when (migration 11): one row per person and document. */
export interface DocEditorRow {
  doc_name: string;
  participant_id: string;
  last_edit_at: string;
}

export interface QuestionRow {
  id: string;
  session_id: string;
  author_id: string;
  text: string;
  lang: string;
  state: string;
  /** 0/1 on both databases. */
  projected: Generated<number>;
  created_at: string;
}

export interface QuestionUpvoteRow {
  question_id: string;
  session_id: string;
  participant_id: string;
}

export interface SchemaMigrationRow {
  version: number;
  applied_at: string;
}

/** The schema as Kysely sees it: table name to row shape. */
export interface Tables {
  sessions: SessionRow;
  participants: ParticipantRow;
  recommendations: RecommendationRow;
  votes: VoteRow;
  ballots: BallotRow;
  vote_room_counts: VoteRoomCountsRow;
  doc_updates: DocUpdateRow;
  facilitation_states: FacilitationStateRow;
  amendments: AmendmentRow;
  doc_versions: DocVersionRow;
  doc_editors: DocEditorRow;
  questions: QuestionRow;
  question_upvotes: QuestionUpvoteRow;
  schema_migrations: SchemaMigrationRow;
}
