import Database from 'better-sqlite3';
import { voteRecommendationIds } from '@roundtable/domain';
import type { FacilitationState, RecommendationStatus, Role } from '@roundtable/protocol';
import {
  toBallot,
  toParticipant,
  toRecommendation,
  toSession,
  toVote,
  type BallotRow,
  type ParticipantRow,
  type RecommendationRow,
  type SessionRow,
  type VoteRow,
} from './rows.js';
import { SQLITE_MIGRATIONS } from './sqliteMigrations.js';
import {
  UniqueViolation,
  type BallotRecord,
  type VoteRecord,
  type ParticipantRecord,
  type RecommendationRecord,
  type SessionRecord,
  type Storage,
  type StoredDoc,
} from './Storage.js';

/**
 * The embedded store: one SQLite file in WAL mode. better-sqlite3 is
 * synchronous, so each method finishes its write before its promise resolves:
 * an acknowledged write is on disk (WAL, synchronous=FULL survives kill -9 and power loss).
 */
export class SqliteStorage implements Storage {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
  }

  /** Statements are compiled once and reused: preparing on every call showed in the profile. */
  private readonly statements = new Map<string, Database.Statement>();

  private stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async migrate(): Promise<void> {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const applied = new Set(
      (this.db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
    );
    for (const m of SQLITE_MIGRATIONS) {
      if (applied.has(m.version)) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        this.db
          .prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)')
          .run(m.version, new Date().toISOString());
      })();
    }
  }

  async createSession(s: SessionRecord): Promise<void> {
    try {
      this.stmt(
        `INSERT INTO sessions (id, title, kind, level, themes, language, participant_code, observer_code,
           facilitator_code_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
        .run(
          s.id,
          s.title,
          s.kind,
          s.level,
          JSON.stringify(s.themes),
          s.language,
          s.participantCode,
          s.observerCode,
          s.facilitatorCodeHash,
          s.createdAt,
        );
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new UniqueViolation();
      throw err;
    }
  }

  async getSession(id: string): Promise<SessionRecord | undefined> {
    const row = this.stmt('SELECT * FROM sessions WHERE id = ?').get(id) as SessionRow | undefined;
    return row && toSession(row);
  }

  async findSessionByCode(shortCode: string, facilitatorCodeHash: string) {
    const row = this.stmt(
      `SELECT * FROM sessions WHERE participant_code = ? OR observer_code = ? OR facilitator_code_hash = ? LIMIT 1`,
    )
      .get(shortCode, shortCode, facilitatorCodeHash) as SessionRow | undefined;
    if (!row) return undefined;
    const role: Role =
      row.facilitator_code_hash === facilitatorCodeHash
        ? 'facilitator'
        : row.participant_code === shortCode
          ? 'participant'
          : 'observer';
    return { session: toSession(row), role };
  }

  async addParticipant(p: ParticipantRecord): Promise<void> {
    this.stmt(
      `INSERT INTO participants (id, session_id, name, organisation, organisation_type, role, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
      .run(p.id, p.sessionId, p.name, p.organisation, p.organisationType, p.role, p.createdAt);
  }

  async getParticipant(sessionId: string, id: string): Promise<ParticipantRecord | undefined> {
    const row = this.stmt('SELECT * FROM participants WHERE session_id = ? AND id = ?')
      .get(sessionId, id) as ParticipantRow | undefined;
    return row && toParticipant(row);
  }

  async listParticipants(sessionId: string): Promise<ParticipantRecord[]> {
    const rows = this.stmt('SELECT * FROM participants WHERE session_id = ? ORDER BY created_at, id')
      .all(sessionId) as ParticipantRow[];
    return rows.map(toParticipant);
  }

  async createRecommendation(r: RecommendationRecord): Promise<void> {
    this.stmt(
      `INSERT INTO recommendations (id, session_id, title, theme, status, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    )
      .run(r.id, r.sessionId, r.title, r.theme, r.status, r.createdAt);
  }

  async listRecommendations(sessionId: string): Promise<RecommendationRecord[]> {
    const rows = this.stmt('SELECT * FROM recommendations WHERE session_id = ? ORDER BY created_at, id')
      .all(sessionId) as RecommendationRow[];
    return rows.map(toRecommendation);
  }

  async getRecommendation(sessionId: string, id: string): Promise<RecommendationRecord | undefined> {
    const row = this.stmt('SELECT * FROM recommendations WHERE session_id = ? AND id = ?')
      .get(sessionId, id) as RecommendationRow | undefined;
    return row && toRecommendation(row);
  }

  async findRecommendation(id: string): Promise<RecommendationRecord | undefined> {
    const row = this.stmt('SELECT * FROM recommendations WHERE id = ?').get(id) as
      | RecommendationRow
      | undefined;
    return row && toRecommendation(row);
  }

  async setRecommendationStatus(id: string, status: RecommendationStatus): Promise<void> {
    this.stmt('UPDATE recommendations SET status = ? WHERE id = ?').run(status, id);
  }

  async openVote(v: VoteRecord): Promise<void> {
    const setVoting = this.stmt(`UPDATE recommendations SET status = 'voting' WHERE id = ?`);
    this.db.transaction(() => {
      this.stmt(
        `INSERT INTO votes (id, session_id, method, status, recommendation_id, question, options, anonymous,
           results, quorum, dots_budget, split_by_group, frozen_texts, opened_at, closes_at, closed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
        .run(
          v.id,
          v.sessionId,
          v.method,
          v.status,
          v.recommendationId,
          v.question,
          JSON.stringify(v.options),
          v.anonymous ? 1 : 0,
          v.results,
          v.quorum,
          v.dotsBudget,
          v.splitByGroup ? 1 : 0,
          JSON.stringify(v.frozenTexts),
          v.openedAt,
          v.closesAt,
          v.closedAt,
        );
      for (const id of voteRecommendationIds(v)) setVoting.run(id);
    })();
  }

  async getVote(sessionId: string, id: string): Promise<VoteRecord | undefined> {
    const row = this.stmt('SELECT * FROM votes WHERE session_id = ? AND id = ?').get(sessionId, id) as
      | VoteRow
      | undefined;
    return row && toVote(row);
  }

  async listVotes(sessionId: string): Promise<VoteRecord[]> {
    const rows = this.stmt('SELECT * FROM votes WHERE session_id = ? ORDER BY opened_at, id')
      .all(sessionId) as VoteRow[];
    return rows.map(toVote);
  }

  async listTimedOpenVotes(): Promise<VoteRecord[]> {
    const rows = this.stmt(`SELECT * FROM votes WHERE status = 'open' AND closes_at IS NOT NULL`)
      .all() as VoteRow[];
    return rows.map(toVote);
  }

  async castBallots(ballots: readonly BallotRecord[]): Promise<boolean[]> {
    // The open-check and the write are one statement, so a ballot racing a close is
    // either stored before the close or refused: never stored into a closed vote.
    const upsert = this.stmt(
    `INSERT INTO ballots (vote_id, voter_key, participant_id, voter_group, ballot, cast_at)
     SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM votes WHERE id = ? AND status = 'open')
     ON CONFLICT (vote_id, voter_key) DO UPDATE SET
       participant_id = excluded.participant_id, voter_group = excluded.voter_group,
       ballot = excluded.ballot, cast_at = excluded.cast_at`,
    );
    return this.db.transaction(() =>
      ballots.map(
        (b) =>
          upsert.run(b.voteId, b.voterKey, b.participantId, b.group, JSON.stringify(b.ballot), b.castAt, b.voteId)
            .changes === 1,
      ),
    )();
  }

  async listBallots(voteId: string): Promise<BallotRecord[]> {
    const rows = this.stmt('SELECT * FROM ballots WHERE vote_id = ? ORDER BY voter_key')
      .all(voteId) as BallotRow[];
    return rows.map(toBallot);
  }

  async closeVote(id: string, closedAt: string): Promise<boolean> {
    return (
      this.stmt(`UPDATE votes SET status = 'closed', closed_at = ? WHERE id = ? AND status = 'open'`).run(closedAt, id)
        .changes === 1
    );
  }

  async getFacilitationState(sessionId: string): Promise<FacilitationState | undefined> {
    const row = this.stmt('SELECT state FROM facilitation_states WHERE session_id = ?').get(sessionId) as
      | { state: string }
      | undefined;
    return row && (JSON.parse(row.state) as FacilitationState);
  }

  async saveFacilitationState(state: FacilitationState, expectedRevision: number): Promise<boolean> {
    const json = JSON.stringify(state);
    const result =
      expectedRevision === 0
        ? this.stmt(
            'INSERT INTO facilitation_states (session_id, revision, state) VALUES (?, ?, ?) ON CONFLICT (session_id) DO NOTHING',
          )
            .run(state.sessionId, state.revision, json)
        : this.stmt('UPDATE facilitation_states SET revision = ?, state = ? WHERE session_id = ? AND revision = ?')
            .run(state.revision, json, state.sessionId, expectedRevision);
    return result.changes === 1;
  }

  async deleteDocs(docNames: readonly string[]): Promise<void> {
    const del = this.stmt('DELETE FROM doc_updates WHERE doc_name = ?');
    this.db.transaction(() => {
      for (const name of docNames) del.run(name);
    })();
  }

  async appendDocUpdates(docName: string, updates: readonly Uint8Array[]): Promise<void> {
    const insert = this.stmt('INSERT INTO doc_updates (doc_name, data) VALUES (?, ?)');
    this.db.transaction(() => {
      for (const u of updates) insert.run(docName, Buffer.from(u.buffer, u.byteOffset, u.byteLength));
    })();
  }

  async loadDoc(docName: string): Promise<StoredDoc> {
    const rows = this.stmt('SELECT seq, data FROM doc_updates WHERE doc_name = ? ORDER BY seq')
      .all(docName) as { seq: number; data: Buffer }[];
    return {
      updates: rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength)),
      lastSeq: rows.length > 0 ? rows[rows.length - 1]!.seq : 0,
    };
  }

  async compactDoc(docName: string, merged: Uint8Array, upToSeq: number): Promise<void> {
    this.db.transaction(() => {
      this.stmt('DELETE FROM doc_updates WHERE doc_name = ? AND seq <= ?').run(docName, upToSeq);
      // Reuse the newest compacted seq so rows appended meanwhile stay after it.
      this.stmt('INSERT INTO doc_updates (seq, doc_name, data) VALUES (?, ?, ?)')
        .run(upToSeq, docName, Buffer.from(merged.buffer, merged.byteOffset, merged.byteLength));
    })();
  }

  async ping(): Promise<boolean> {
    try {
      return this.stmt('SELECT 1 AS ok').get() !== undefined;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
