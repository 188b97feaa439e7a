import Database from 'better-sqlite3';
import type { Role } from '@roundtable/protocol';
import { SQLITE_MIGRATIONS } from './sqliteMigrations.js';
import {
  UniqueViolation,
  type ParticipantRecord,
  type RecommendationRecord,
  type SessionRecord,
  type Storage,
  type StoredDoc,
} from './Storage.js';

interface SessionRow {
  id: string;
  title: string;
  kind: string;
  level: string | null;
  themes: string;
  language: string;
  participant_code: string;
  observer_code: string;
  facilitator_code_hash: string;
  created_at: string;
}

interface ParticipantRow {
  id: string;
  session_id: string;
  name: string;
  organisation: string | null;
  organisation_type: string | null;
  role: string;
  created_at: string;
}

interface RecommendationRow {
  id: string;
  session_id: string;
  title: string;
  theme: string | null;
  status: string;
  created_at: string;
}

// Rows come from our own schema, written only through this class, so they are
// mapped with casts rather than re-parsed.
const toSession = (r: SessionRow): SessionRecord => ({
  id: r.id,
  title: r.title,
  kind: r.kind as SessionRecord['kind'],
  level: r.level as SessionRecord['level'],
  themes: JSON.parse(r.themes) as SessionRecord['themes'],
  language: r.language as SessionRecord['language'],
  participantCode: r.participant_code,
  observerCode: r.observer_code,
  facilitatorCodeHash: r.facilitator_code_hash,
  createdAt: r.created_at,
});

const toParticipant = (r: ParticipantRow): ParticipantRecord => ({
  id: r.id,
  sessionId: r.session_id,
  name: r.name,
  organisation: r.organisation,
  organisationType: r.organisation_type as ParticipantRecord['organisationType'],
  role: r.role as Role,
  createdAt: r.created_at,
});

const toRecommendation = (r: RecommendationRow): RecommendationRecord => ({
  id: r.id,
  sessionId: r.session_id,
  title: r.title,
  theme: r.theme as RecommendationRecord['theme'],
  status: r.status as RecommendationRecord['status'],
  createdAt: r.created_at,
});

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
      this.db
        .prepare(
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
    const row = this.db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as SessionRow | undefined;
    return row && toSession(row);
  }

  async findSessionByCode(shortCode: string, facilitatorCodeHash: string) {
    const row = this.db
      .prepare(
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
    this.db
      .prepare(
        `INSERT INTO participants (id, session_id, name, organisation, organisation_type, role, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(p.id, p.sessionId, p.name, p.organisation, p.organisationType, p.role, p.createdAt);
  }

  async getParticipant(sessionId: string, id: string): Promise<ParticipantRecord | undefined> {
    const row = this.db
      .prepare('SELECT * FROM participants WHERE session_id = ? AND id = ?')
      .get(sessionId, id) as ParticipantRow | undefined;
    return row && toParticipant(row);
  }

  async createRecommendation(r: RecommendationRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO recommendations (id, session_id, title, theme, status, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(r.id, r.sessionId, r.title, r.theme, r.status, r.createdAt);
  }

  async listRecommendations(sessionId: string): Promise<RecommendationRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM recommendations WHERE session_id = ? ORDER BY created_at, id')
      .all(sessionId) as RecommendationRow[];
    return rows.map(toRecommendation);
  }

  async getRecommendation(sessionId: string, id: string): Promise<RecommendationRecord | undefined> {
    const row = this.db
      .prepare('SELECT * FROM recommendations WHERE session_id = ? AND id = ?')
      .get(sessionId, id) as RecommendationRow | undefined;
    return row && toRecommendation(row);
  }

  async findRecommendation(id: string): Promise<RecommendationRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM recommendations WHERE id = ?').get(id) as
      | RecommendationRow
      | undefined;
    return row && toRecommendation(row);
  }

  async appendDocUpdates(docName: string, updates: readonly Uint8Array[]): Promise<void> {
    const insert = this.db.prepare('INSERT INTO doc_updates (doc_name, data) VALUES (?, ?)');
    this.db.transaction(() => {
      for (const u of updates) insert.run(docName, Buffer.from(u.buffer, u.byteOffset, u.byteLength));
    })();
  }

  async loadDoc(docName: string): Promise<StoredDoc> {
    const rows = this.db
      .prepare('SELECT seq, data FROM doc_updates WHERE doc_name = ? ORDER BY seq')
      .all(docName) as { seq: number; data: Buffer }[];
    return {
      updates: rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength)),
      lastSeq: rows.length > 0 ? rows[rows.length - 1]!.seq : 0,
    };
  }

  async compactDoc(docName: string, merged: Uint8Array, upToSeq: number): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM doc_updates WHERE doc_name = ? AND seq <= ?').run(docName, upToSeq);
      // Reuse the newest compacted seq so rows appended meanwhile stay after it.
      this.db
        .prepare('INSERT INTO doc_updates (seq, doc_name, data) VALUES (?, ?, ?)')
        .run(upToSeq, docName, Buffer.from(merged.buffer, merged.byteOffset, merged.byteLength));
    })();
  }

  async ping(): Promise<boolean> {
    try {
      return this.db.prepare('SELECT 1 AS ok').get() !== undefined;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
