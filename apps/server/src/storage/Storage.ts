import type {
  Language,
  Level,
  OrganisationType,
  RecommendationStatus,
  Role,
  SessionKind,
  Theme,
} from '@roundtable/protocol';

export interface SessionRecord {
  id: string;
  title: string;
  kind: SessionKind;
  level: Level | null;
  themes: Theme[];
  language: Language;
  /** Short codes, kept in clear so the facilitator can show them again. */
  participantCode: string;
  observerCode: string;
  /** SHA-256 of the facilitator code: a secret, never stored in clear. */
  facilitatorCodeHash: string;
  createdAt: string;
}

export interface ParticipantRecord {
  id: string;
  sessionId: string;
  name: string;
  organisation: string | null;
  organisationType: OrganisationType | null;
  role: Role;
  createdAt: string;
}

export interface RecommendationRecord {
  id: string;
  sessionId: string;
  title: string;
  theme: Theme | null;
  status: RecommendationStatus;
  createdAt: string;
}

/** The stored updates of one Yjs document, oldest first. */
export interface StoredDoc {
  updates: Uint8Array[];
  /** Sequence number of the newest row; compaction replaces rows up to it. */
  lastSeq: number;
}

/**
 * Durable storage of Roundtable. SQLite is the embedded default; PostgreSQL
 * implements the same interface for several instances. Both pass one suite.
 */
export interface Storage {
  /** Runs pending versioned migrations. Called once at start. */
  migrate(): Promise<void>;

  createSession(session: SessionRecord): Promise<void>;
  getSession(id: string): Promise<SessionRecord | undefined>;
  /**
   * The session a join code opens, with the role it grants. Short codes are
   * matched in clear; the facilitator code by its hash.
   */
  findSessionByCode(
    shortCode: string,
    facilitatorCodeHash: string,
  ): Promise<{ session: SessionRecord; role: Role } | undefined>;

  addParticipant(participant: ParticipantRecord): Promise<void>;
  getParticipant(sessionId: string, id: string): Promise<ParticipantRecord | undefined>;

  createRecommendation(recommendation: RecommendationRecord): Promise<void>;
  listRecommendations(sessionId: string): Promise<RecommendationRecord[]>;
  getRecommendation(sessionId: string, id: string): Promise<RecommendationRecord | undefined>;
  /** A recommendation by id alone (the Yjs doc name), to check it against a token's session. */
  findRecommendation(id: string): Promise<RecommendationRecord | undefined>;

  /** Appends Yjs updates of one document in one transaction. */
  appendDocUpdates(docName: string, updates: readonly Uint8Array[]): Promise<void>;
  loadDoc(docName: string): Promise<StoredDoc>;
  /** Replaces the rows up to `upToSeq` by one merged update (compaction). */
  compactDoc(docName: string, merged: Uint8Array, upToSeq: number): Promise<void>;

  /** True when the database answers (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Thrown when a unique value (e.g. a join code) is already taken. */
export class UniqueViolation extends Error {}
