import type {
  FacilitationState,
  Ballot,
  VoteDto,
  VoterGroup,
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

/** A vote as stored: the wire shape (votes carry no personal data). */
export type VoteRecord = VoteDto;

export interface BallotRecord {
  voteId: string;
  /** Participant id (named vote) or a keyed hash of it (anonymous vote). */
  voterKey: string;
  /** Only for named votes. */
  participantId: string | null;
  group: VoterGroup;
  ballot: Ballot;
  /** Only for named votes. */
  castAt: string | null;
}

/** The stored updates of one Yjs document, oldest first. */
/** One row written by a compaction: merged updates under the seq of a row they replace. */
export interface StoredChunk {
  seq: number;
  data: Uint8Array;
}

export interface StoredDoc {
  updates: Uint8Array[];
  /** Sequence number of each row of `updates`, in the same (ascending) order. */
  seqs: number[];
  /** Sequence number of the newest row; compaction replaces rows up to it. */
  lastSeq: number;
}

/**
 * Durable storage of Roundtable. SQLite is the embedded default, PostgreSQL serves several
 * instances: one implementation (SqlStorage) on either, and both pass one suite.
 */
export interface Storage {
  /** Runs pending versioned migrations. Called once at start. */
  migrate(): Promise<void>;

  createSession(session: SessionRecord): Promise<void>;
  getSession(id: string): Promise<SessionRecord | undefined>;
  /**
   * The session one of whose codes is `shortCode` (matched in clear) or whose facilitator
   * code hashes to `facilitatorCodeHash`. Which role that code grants is the domain's
   * `roleForCode`, not the store's.
   */
  findSessionByCode(shortCode: string, facilitatorCodeHash: string): Promise<SessionRecord | undefined>;

  addParticipant(participant: ParticipantRecord): Promise<void>;
  getParticipant(sessionId: string, id: string): Promise<ParticipantRecord | undefined>;
  /** Everyone who joined the session, in joining order (for the report's attendance). */
  listParticipants(sessionId: string): Promise<ParticipantRecord[]>;

  createRecommendation(recommendation: RecommendationRecord): Promise<void>;
  listRecommendations(sessionId: string): Promise<RecommendationRecord[]>;
  getRecommendation(sessionId: string, id: string): Promise<RecommendationRecord | undefined>;
  /** A recommendation by id alone (the Yjs doc name), to check it against a token's session. */
  findRecommendation(id: string): Promise<RecommendationRecord | undefined>;

  /** Sets a recommendation's status (draft, voting, adopted, rejected, to_amend). */
  setRecommendationStatus(id: string, status: RecommendationStatus): Promise<void>;

  /**
   * Stores a new open vote and marks its recommendations `voting`, in one transaction.
   */
  openVote(vote: VoteRecord): Promise<void>;
  getVote(sessionId: string, id: string): Promise<VoteRecord | undefined>;
  listVotes(sessionId: string): Promise<VoteRecord[]>;
  /** Open votes with a timed close, across all sessions (to re-arm timers at start). */
  listTimedOpenVotes(): Promise<VoteRecord[]>;
  /**
   * Stores ballots in one durable transaction, each replacing the voter's previous one.
   * Returns, per ballot, false when its vote was not open (nothing stored for it).
   */
  castBallots(ballots: readonly BallotRecord[]): Promise<boolean[]>;
  listBallots(voteId: string): Promise<BallotRecord[]>;
  /** Closes an open vote; true only for the call that closed it (a timer fires once). */
  closeVote(id: string, closedAt: string): Promise<boolean>;

  getFacilitationState(sessionId: string): Promise<FacilitationState | undefined>;
  /**
   * Stores the state if the stored revision is still `expectedRevision` (0: none stored
   * yet); false when another change came first (the caller reloads and retries).
   */
  saveFacilitationState(state: FacilitationState, expectedRevision: number): Promise<boolean>;

  /** Appends Yjs updates of one document in one transaction. */
  appendDocUpdates(docName: string, updates: readonly Uint8Array[]): Promise<void>;
  loadDoc(docName: string): Promise<StoredDoc>;
  /**
   * Replaces the rows up to `upToSeq` by merged chunks (compaction), in one transaction. Each
   * chunk reuses the seq of one replaced row (ascending, the last being `upToSeq`), so rows
   * appended meanwhile stay after them.
   */
  compactDoc(docName: string, chunks: readonly StoredChunk[], upToSeq: number): Promise<void>;
  /** Deletes documents' updates for good (intervision erase). */
  deleteDocs(docNames: readonly string[]): Promise<void>;
  /**
   * After deleteDocs: drops the copies of the deleted updates the database still keeps
   * where it can (SQLite: the WAL; PostgreSQL: VACUUM). Rejects when it could not.
   */
  reclaimDeletedDocs(): Promise<void>;

  /** True when the database answers (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Thrown when a unique value (e.g. a join code) is already taken. */
export class UniqueViolation extends Error {}
