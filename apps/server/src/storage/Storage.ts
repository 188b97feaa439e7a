import type {
  AmendmentStatus,
  VersionReason,
  FacilitationState,
  Ballot,
  FrozenText,
  RecommendationTitles,
  RoomCounts,
  VoteDto,
  VoterGroup,
  Language,
  Level,
  QuestionState,
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
  /** api-v1 1.1: 1 to 3 languages, `language` first. */
  languages: Language[];
  /** Short codes, kept in clear so the facilitator can show them again. */
  participantCode: string;
  observerCode: string;
  /** SHA-256 of the facilitator code: a secret, never stored in clear. */
  facilitatorCodeHash: string;
  createdAt: string;
  /** False: only personal codes (and the facilitator's) join; the shared codes get 403. */
  openJoin: boolean;
  /** Days after createdAt when names are replaced by "Participant 1…n"; null: kept. */
  retentionDays: number | null;
  anonymisedAt: string | null;
  /** Where the session meets (free text); null when not given. */
  place: string | null;
  /** The IANA zone the session's times are written in (the report's dates). */
  timeZone: string;
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

/** A person as attendance shows them. */
export interface PersonRecord extends ParticipantRecord {
  /** Holds a personal invitation code. */
  invited: boolean;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
}

/** An invitee: a participant row with a personal code (hashed), not seen yet. */
export interface InviteeRecord extends ParticipantRecord {
  codeHash: string;
}

/** Ballots to take back from open votes (a removed person, a merged row). */
export interface BallotChange {
  voteId: string;
  /** The voter key whose ballot is deleted. */
  withdraw: string;
  /** Stored under the kept person's key in the same transaction (a merge). */
  replaceWith?: BallotRecord;
}

export interface RecommendationRecord {
  id: string;
  sessionId: string;
  title: string;
  theme: Theme | null;
  status: RecommendationStatus;
  /** The title in each session language given one; the first language's is `title`. */
  titles: RecommendationTitles;
  createdAt: string;
  /** Why the last decision went against the vote's outcome; null or absent otherwise. */
  decisionReason?: string | null;
}

/**
 * A vote as stored: the wire shape (votes carry no personal data), with the frozen texts
 * themselves; the wire carries their hashes only (votes/voteView.ts, toVoteDto).
 */
export type VoteRecord = Omit<VoteDto, 'frozenTexts'> & { frozenTexts: FrozenText[] };

export interface BallotRecord {
  voteId: string;
  /** Participant id (named vote) or a keyed hash of it (anonymous vote, replaced by a random key at its close). */
  voterKey: string;
  /** Only for named votes. */
  participantId: string | null;
  group: VoterGroup;
  ballot: Ballot;
  /** Only for named votes. */
  castAt: string | null;
}

/** A question from the room as stored: its author by participant id only. */
export interface QuestionRecord {
  id: string;
  sessionId: string;
  authorId: string;
  text: string;
  lang: string;
  state: QuestionState;
  projected: boolean;
  createdAt: string;
}

/** A question with what its views need: upvotes, and its author's role and current name. */
export interface ListedQuestion extends QuestionRecord {
  votes: number;
  authorRole: Role;
  /** The participant row's name (a pseudonym after retention); '' if the row is gone. */
  authorName: string;
}

/** Questions from the room and their upvotes (api-v1.1). */
export interface QuestionStore {
  addQuestion(question: QuestionRecord): Promise<void>;
  /** Takes back a question just added (it went past a limit in a race with another). */
  deleteQuestion(sessionId: string, id: string): Promise<void>;
  /** The author's questions still pending, and the session's questions. */
  countQuestions(sessionId: string, authorId: string): Promise<{ pendingOfAuthor: number; total: number }>;
  /** Every question of the session with its upvote count. */
  listQuestions(sessionId: string): Promise<ListedQuestion[]>;
  getQuestion(sessionId: string, id: string): Promise<ListedQuestion | undefined>;
  /** Adds the person's upvote, or withdraws it if they had one: true when they now upvote. */
  toggleUpvote(sessionId: string, questionId: string, participantId: string): Promise<boolean>;
  /** The questions each of `participantIds` upvotes. */
  listUpvotes(sessionId: string, participantIds: readonly string[]): Promise<Map<string, Set<string>>>;
  /** Moderates; a question leaving the public states also leaves the projector. False if unknown. */
  setQuestionState(sessionId: string, id: string, state: QuestionState): Promise<boolean>;
  /** Projects one question of the session (null: none), in one transaction. */
  setProjected(sessionId: string, id: string | null): Promise<void>;
  /**
   * A person removed (`into` null: their upvotes are withdrawn) or merged into another row
   * (their questions become `into`'s and their upvotes too, one per question), in one transaction.
   */
  retireAuthor(sessionId: string, participantId: string, into: string | null): Promise<void>;
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

/** Sessions, their codes and settings, and deleting one. */
export interface SessionStore {
  createSession(session: SessionRecord): Promise<void>;
  getSession(id: string): Promise<SessionRecord | undefined>;
  /**
   * The session one of whose codes is `shortCode` (matched in clear) or whose facilitator
   * code hashes to `facilitatorCodeHash`. Which role that code grants is the domain's
   * `roleForCode`, not the store's.
   */
  findSessionByCode(shortCode: string, facilitatorCodeHash: string): Promise<SessionRecord | undefined>;
  setOpenJoin(sessionId: string, openJoin: boolean): Promise<void>;
  /** The session's place; null removes it. */
  setPlace(sessionId: string, place: string | null): Promise<void>;
  setRetention(sessionId: string, retentionDays: number | null): Promise<void>;
  /** Sessions with a retention whose names are not replaced yet. */
  listRetainedSessions(): Promise<SessionRecord[]>;
  /**
   * Replaces every participant's name by `names(i)` (joining order, from 1), clears their
   * organisations and codes, and records `at`, in one transaction. Types and roles stay:
   * the aggregated report needs them.
   */
  anonymiseSession(sessionId: string, at: string, names: (n: number) => string): Promise<void>;
  /** New shared codes; UniqueViolation when one is taken by another session. */
  setShortCodes(sessionId: string, participantCode: string, observerCode: string): Promise<void>;
  /**
   * Deletes a session and every row that belongs to it (participants, recommendations, votes,
   * ballots, meeting state, documents named in `docNames`) in one transaction.
   */
  deleteSession(sessionId: string, docNames: readonly string[]): Promise<void>;
  /** After deleteSession: drops the copies the database still keeps (see reclaimDeletedDocs). */
  reclaimDeletedSession(): Promise<void>;
}

/** Participants: joins, invitations, attendance, removal and merging. */
export interface PeopleStore {
  addParticipant(participant: ParticipantRecord): Promise<void>;
  getParticipant(sessionId: string, id: string): Promise<ParticipantRecord | undefined>;
  /**
   * Everyone who joined the session, in joining order, one row per person (for the
   * report's attendance): invitees who never came, removed and merged rows are left out.
   */
  listParticipants(sessionId: string): Promise<ParticipantRecord[]>;
  /** A participant who may still act: not removed, not merged into another row. */
  getActiveParticipant(sessionId: string, id: string): Promise<ParticipantRecord | undefined>;
  /** Stores invitees in one transaction; UniqueViolation when a code hash is taken. */
  addInvitees(invitees: readonly InviteeRecord[]): Promise<void>;
  /** The active invitee whose personal code hashes to `codeHash`. */
  findInvitee(codeHash: string): Promise<ParticipantRecord | undefined>;
  /** Gives an active participant a new personal code (the old one stops joining). */
  setPersonalCode(sessionId: string, id: string, codeHash: string): Promise<boolean>;
  /** Active and invited rows of the session, in joining order. */
  listPeople(sessionId: string): Promise<PersonRecord[]>;
  /** Records a join or a leave: firstSeenAt is set once, lastSeenAt every time. */
  markSeen(seen: readonly { sessionId: string; participantId: string; at: string }[]): Promise<void>;
  /**
   * Removes a person (`mergedInto` null) or merges their row into another: their code stops
   * joining, their tokens are refused, and `ballots` are withdrawn from votes still open,
   * all in one transaction. `into` gets the earlier first and later last seen time.
   */
  retireParticipant(
    sessionId: string,
    id: string,
    change: { at: string; mergedInto: string | null; ballots: readonly BallotChange[] },
  ): Promise<boolean>;
}

/** Recommendations and their decisions. */
export interface RecommendationStore {
  createRecommendation(recommendation: RecommendationRecord): Promise<void>;
  listRecommendations(sessionId: string): Promise<RecommendationRecord[]>;
  getRecommendation(sessionId: string, id: string): Promise<RecommendationRecord | undefined>;
  /** A recommendation by id alone (the Yjs doc name), to check it against a token's session. */
  findRecommendation(id: string): Promise<RecommendationRecord | undefined>;
  /** Sets a recommendation's status (draft, voting, adopted, rejected, to_amend). */
  setRecommendationStatus(id: string, status: RecommendationStatus): Promise<void>;
  /** Records a decision: the status and its reason (null when none was needed or given). */
  decideRecommendation(id: string, status: RecommendationStatus, reason: string | null): Promise<void>;
}

/** Votes and their ballots. */
export interface VoteStore {
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
}

/** Hands counted in the room (api-v1.1), per vote: group -> choice -> people. */
export interface RoomCountStore {
  /** Replaces the vote's room counts; empty counts remove them. */
  setRoomCounts(voteId: string, counts: RoomCounts, updatedAt: string): Promise<void>;
  getRoomCounts(voteId: string): Promise<RoomCounts | undefined>;
}

/** The meeting state the facilitator runs (agenda, timers, queue, phases). */
export interface FacilitationStore {
  getFacilitationState(sessionId: string): Promise<FacilitationState | undefined>;
  /**
   * Stores the state if the stored revision is still `expectedRevision` (0: none stored
   * yet); false when another change came first (the caller reloads and retries).
   */
  saveFacilitationState(state: FacilitationState, expectedRevision: number): Promise<boolean>;
}

/** The Yjs documents: their updates, compaction, erasure. */
export interface DocStore {
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
}

/**
 * Durable storage of Roundtable, one small port per module: a service takes only the ports it
 * uses (`Pick<Storage, 'votes' | 'recommendations'>`). SQLite is the embedded default,
 * PostgreSQL serves several instances: one implementation (SqlStorage) on either, and both
 * pass one suite.
 */
export interface Storage {
  readonly sessions: SessionStore;
  readonly questions: QuestionStore;
  readonly people: PeopleStore;
  readonly recommendations: RecommendationStore;
  readonly votes: VoteStore;
  readonly roomCounts: RoomCountStore;
  readonly facilitation: FacilitationStore;
  readonly docs: DocStore;
  /** Amendments to drafts (api-v1 1.1). */
  readonly amendments: AmendmentStore;
  /** Kept versions of drafts, and who edited which draft when (api-v1 1.1). */
  readonly history: HistoryStore;
  /** Runs pending versioned migrations. Called once at start. */
  migrate(): Promise<void>;
  /** True when the database answers (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** An amendment as stored: people by id only (names are read from participants). */
export interface AmendmentRecord {
  id: string;
  sessionId: string;
  recommendationId: string;
  lang: Language;
  original: string;
  replacement: string;
  reason: string | null;
  status: AmendmentStatus;
  authorId: string;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: 'consensus' | 'vote' | null;
  voteId: string | null;
}

/** What deciding an amendment records. */
export interface AmendmentDecision {
  status: Exclude<AmendmentStatus, 'proposed'>;
  decidedAt: string;
  decidedBy: 'consensus' | 'vote';
  voteId: string | null;
}

/** Amendments to drafts. */
export interface AmendmentStore {
  createAmendment(amendment: AmendmentRecord): Promise<void>;
  getAmendment(sessionId: string, id: string): Promise<AmendmentRecord | undefined>;
  /** Oldest first; one recommendation's, or the whole session's. */
  listAmendments(sessionId: string, recommendationId?: string): Promise<AmendmentRecord[]>;
  /** Proposed (undecided) amendments of one author on one recommendation. */
  countProposed(recommendationId: string, authorId: string): Promise<number>;
  /** Records a decision if the amendment is still proposed; false when it was not. */
  decideAmendment(id: string, decision: AmendmentDecision): Promise<boolean>;
}

/** A kept version of a draft: every language version's text, and the document's state. */
export interface DraftVersionRecord {
  id: string;
  sessionId: string;
  recommendationId: string;
  createdAt: string;
  reason: VersionReason;
  label: string | null;
  restoredFrom: string | null;
  amendmentId: string | null;
  voteId: string | null;
  hashes: Partial<Record<Language, string>>;
  /** Participant ids whose edits landed since the previous version. */
  editorIds: string[];
}

export interface DraftVersionContent {
  texts: Partial<Record<Language, string>>;
  /** Y.encodeStateAsUpdate of the document when kept; null when not kept. */
  state: Uint8Array | null;
}

/** Someone's last edit of a document. */
export interface DocEdit {
  docName: string;
  participantId: string;
  at: string;
}

/** Kept versions of drafts and the last edit of each person in each document. */
export interface HistoryStore {
  addVersion(version: DraftVersionRecord, content: DraftVersionContent): Promise<void>;
  /** A recommendation's versions, oldest first, without their texts. */
  listVersions(recommendationId: string): Promise<DraftVersionRecord[]>;
  /** How many versions a session keeps, of one recommendation when given, of one reason when given. */
  countVersions(of: { sessionId: string; recommendationId?: string; reason?: VersionReason }): Promise<number>;
  getVersion(
    recommendationId: string,
    id: string,
  ): Promise<{ version: DraftVersionRecord; content: DraftVersionContent } | undefined>;
  /**
   * Upserts each person's last edit of a draft (a later time wins; an earlier one is ignored);
   * nothing for a document that is no recommendation (any more).
   */
  recordEdits(edits: readonly DocEdit[]): Promise<void>;
  /** People whose last edit of `docName` is after `since` (all of them when null), earliest first. */
  editsSince(docName: string, since: string | null): Promise<DocEdit[]>;
}

/** Thrown when a unique value (e.g. a join code) is already taken. */
export class UniqueViolation extends Error {}
