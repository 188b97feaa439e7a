import pg from 'pg';
import { voteRecommendationIds } from '@roundtable/domain';
import type { FacilitationState, RecommendationStatus, Role } from '@roundtable/protocol';
import { PG_MIGRATIONS } from './pgMigrations.js';
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
import {
  UniqueViolation,
  type BallotRecord,
  type ParticipantRecord,
  type RecommendationRecord,
  type SessionRecord,
  type Storage,
  type StoredDoc,
  type VoteRecord,
} from './Storage.js';

/** PostgreSQL's SQLSTATE for a unique constraint violation. */
const PG_UNIQUE_VIOLATION = '23505';
/** Connections per instance; each instance's writes are short transactions. */
const POOL_SIZE = 10;
/** A query that has not answered by then fails, so callers refuse instead of hanging. */
const STATEMENT_TIMEOUT_MS = 5_000;
/**
 * The client gives up on a query a little after the server would have: statement_timeout
 * cannot fire when the server is out of reach (a network partition), and without this a
 * ballot in flight would wait for TCP to give up, minutes later (found by
 * test/faults.test.ts, PostgreSQL unreachable, blackhole).
 */
const QUERY_TIMEOUT_MS = STATEMENT_TIMEOUT_MS + 1_000;
/** Serialises migrations of concurrently starting instances (an arbitrary, fixed key). */
const MIGRATION_LOCK_KEY = 7_346_291;

const SAFE_SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * PostgreSQL store shared by several instances. Every write is a committed
 * transaction before its promise resolves (synchronous_commit stays on), so an
 * acknowledged ballot survives the loss of any instance.
 */
export class PgStorage implements Storage {
  private readonly pool: pg.Pool;

  /** @param schema a schema of its own (tests run in a schema per run); created if absent. */
  constructor(
    connectionString: string,
    private readonly schema?: string,
  ) {
    if (schema !== undefined && !SAFE_SCHEMA.test(schema)) throw new Error(`unsafe schema name: ${schema}`);
    this.pool = new pg.Pool({
      connectionString,
      max: POOL_SIZE,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
      connectionTimeoutMillis: STATEMENT_TIMEOUT_MS,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  private async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.pool.query<R>(sql, params)).rows;
  }

  private async transaction<T>(run: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A checked-out client has no 'error' listener of the pool's: a connection lost
    // mid-transaction would emit an unhandled 'error' and kill the process (found by
    // test/faults.test.ts, PostgreSQL unreachable). The query in flight fails anyway.
    const ignore = () => undefined;
    client.on('error', ignore);
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await run(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      // Only a connection that answered (an SQL error) can roll back; one that timed out or
      // broke would make ROLLBACK wait out its own timeout. It is discarded instead (below),
      // which ends its transaction on the server.
      broken = err instanceof Error ? err : new Error(String(err));
      if (err instanceof pg.DatabaseError) {
        await client.query('ROLLBACK').then(
          () => (broken = undefined),
          () => undefined,
        );
      }
      throw err;
    } finally {
      client.off('error', ignore);
      // Released with an error, the pool discards the client rather than reuse it.
      client.release(broken);
    }
  }

  async migrate(): Promise<void> {
    await this.transaction(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      if (this.schema) await c.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await c.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
      );
      const applied = new Set(
        (await c.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
      );
      for (const m of PG_MIGRATIONS) {
        if (applied.has(m.version)) continue;
        await c.query(m.sql);
        await c.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
          m.version,
          new Date().toISOString(),
        ]);
      }
    });
  }

  async createSession(s: SessionRecord): Promise<void> {
    try {
      await this.query(
        `INSERT INTO sessions (id, title, kind, level, themes, language, participant_code, observer_code,
           facilitator_code_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
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
        ],
      );
    } catch (err) {
      if ((err as { code?: string }).code === PG_UNIQUE_VIOLATION) throw new UniqueViolation();
      throw err;
    }
  }

  async getSession(id: string): Promise<SessionRecord | undefined> {
    const [row] = await this.query<SessionRow>('SELECT * FROM sessions WHERE id = $1', [id]);
    return row && toSession(row);
  }

  async findSessionByCode(shortCode: string, facilitatorCodeHash: string) {
    const [row] = await this.query<SessionRow>(
      `SELECT * FROM sessions WHERE participant_code = $1 OR observer_code = $1 OR facilitator_code_hash = $2 LIMIT 1`,
      [shortCode, facilitatorCodeHash],
    );
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
    await this.query(
      `INSERT INTO participants (id, session_id, name, organisation, organisation_type, role, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [p.id, p.sessionId, p.name, p.organisation, p.organisationType, p.role, p.createdAt],
    );
  }

  async getParticipant(sessionId: string, id: string): Promise<ParticipantRecord | undefined> {
    const [row] = await this.query<ParticipantRow>('SELECT * FROM participants WHERE session_id = $1 AND id = $2', [
      sessionId,
      id,
    ]);
    return row && toParticipant(row);
  }

  async listParticipants(sessionId: string): Promise<ParticipantRecord[]> {
    const rows = await this.query<ParticipantRow>(
      'SELECT * FROM participants WHERE session_id = $1 ORDER BY created_at, id',
      [sessionId],
    );
    return rows.map(toParticipant);
  }

  async createRecommendation(r: RecommendationRecord): Promise<void> {
    await this.query(
      `INSERT INTO recommendations (id, session_id, title, theme, status, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [r.id, r.sessionId, r.title, r.theme, r.status, r.createdAt],
    );
  }

  async listRecommendations(sessionId: string): Promise<RecommendationRecord[]> {
    const rows = await this.query<RecommendationRow>(
      'SELECT * FROM recommendations WHERE session_id = $1 ORDER BY created_at, id',
      [sessionId],
    );
    return rows.map(toRecommendation);
  }

  async getRecommendation(sessionId: string, id: string): Promise<RecommendationRecord | undefined> {
    const [row] = await this.query<RecommendationRow>(
      'SELECT * FROM recommendations WHERE session_id = $1 AND id = $2',
      [sessionId, id],
    );
    return row && toRecommendation(row);
  }

  async findRecommendation(id: string): Promise<RecommendationRecord | undefined> {
    const [row] = await this.query<RecommendationRow>('SELECT * FROM recommendations WHERE id = $1', [id]);
    return row && toRecommendation(row);
  }

  async setRecommendationStatus(id: string, status: RecommendationStatus): Promise<void> {
    await this.query('UPDATE recommendations SET status = $1 WHERE id = $2', [status, id]);
  }

  async openVote(v: VoteRecord): Promise<void> {
    await this.transaction(async (c) => {
      await c.query(
        `INSERT INTO votes (id, session_id, method, status, recommendation_id, question, options, anonymous,
           results, quorum, dots_budget, split_by_group, frozen_texts, opened_at, closes_at, closed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [
          v.id,
          v.sessionId,
          v.method,
          v.status,
          v.recommendationId,
          v.question,
          JSON.stringify(v.options),
          v.anonymous,
          v.results,
          v.quorum,
          v.dotsBudget,
          v.splitByGroup,
          JSON.stringify(v.frozenTexts),
          v.openedAt,
          v.closesAt,
          v.closedAt,
        ],
      );
      for (const id of voteRecommendationIds(v)) {
        await c.query(`UPDATE recommendations SET status = 'voting' WHERE id = $1`, [id]);
      }
    });
  }

  async getVote(sessionId: string, id: string): Promise<VoteRecord | undefined> {
    const [row] = await this.query<VoteRow>('SELECT * FROM votes WHERE session_id = $1 AND id = $2', [sessionId, id]);
    return row && toVote(row);
  }

  async listVotes(sessionId: string): Promise<VoteRecord[]> {
    const rows = await this.query<VoteRow>('SELECT * FROM votes WHERE session_id = $1 ORDER BY opened_at, id', [
      sessionId,
    ]);
    return rows.map(toVote);
  }

  async listTimedOpenVotes(): Promise<VoteRecord[]> {
    const rows = await this.query<VoteRow>(`SELECT * FROM votes WHERE status = 'open' AND closes_at IS NOT NULL`);
    return rows.map(toVote);
  }

  async castBallots(ballots: readonly BallotRecord[]): Promise<boolean[]> {
    return this.transaction(async (c) => {
      const stored: boolean[] = [];
      for (const b of ballots) {
        // Open-check and write in one statement; FOR SHARE would not add anything a
        // concurrent close could violate: the close's UPDATE waits for our row lock.
        const res = await c.query(
          `INSERT INTO ballots (vote_id, voter_key, participant_id, voter_group, ballot, cast_at)
           SELECT $1, $2, $3, $4, $5, $6 WHERE EXISTS (SELECT 1 FROM votes WHERE id = $1 AND status = 'open' FOR SHARE)
           ON CONFLICT (vote_id, voter_key) DO UPDATE SET
             participant_id = excluded.participant_id, voter_group = excluded.voter_group,
             ballot = excluded.ballot, cast_at = excluded.cast_at`,
          [b.voteId, b.voterKey, b.participantId, b.group, JSON.stringify(b.ballot), b.castAt],
        );
        stored.push(res.rowCount === 1);
      }
      return stored;
    });
  }

  async listBallots(voteId: string): Promise<BallotRecord[]> {
    const rows = await this.query<BallotRow>('SELECT * FROM ballots WHERE vote_id = $1 ORDER BY voter_key', [voteId]);
    return rows.map(toBallot);
  }

  async closeVote(id: string, closedAt: string): Promise<boolean> {
    const res = await this.pool.query(
      `UPDATE votes SET status = 'closed', closed_at = $1 WHERE id = $2 AND status = 'open'`,
      [closedAt, id],
    );
    return res.rowCount === 1;
  }

  async getFacilitationState(sessionId: string): Promise<FacilitationState | undefined> {
    const [row] = await this.query<{ state: string }>('SELECT state FROM facilitation_states WHERE session_id = $1', [
      sessionId,
    ]);
    return row && (JSON.parse(row.state) as FacilitationState);
  }

  async saveFacilitationState(state: FacilitationState, expectedRevision: number): Promise<boolean> {
    const json = JSON.stringify(state);
    const res =
      expectedRevision === 0
        ? await this.pool.query(
            'INSERT INTO facilitation_states (session_id, revision, state) VALUES ($1, $2, $3) ON CONFLICT (session_id) DO NOTHING',
            [state.sessionId, state.revision, json],
          )
        : await this.pool.query(
            'UPDATE facilitation_states SET revision = $1, state = $2 WHERE session_id = $3 AND revision = $4',
            [state.revision, json, state.sessionId, expectedRevision],
          );
    return res.rowCount === 1;
  }

  async deleteDocs(docNames: readonly string[]): Promise<void> {
    if (docNames.length === 0) return;
    await this.query('DELETE FROM doc_updates WHERE doc_name = ANY($1)', [docNames]);
  }

  async appendDocUpdates(docName: string, updates: readonly Uint8Array[]): Promise<void> {
    if (updates.length === 0) return;
    // One multi-row INSERT: one round trip and one commit for the whole batch.
    const values = updates.map((_, i) => `($1, $${i + 2})`).join(', ');
    await this.query(`INSERT INTO doc_updates (doc_name, data) VALUES ${values}`, [
      docName,
      ...updates.map((u) => Buffer.from(u.buffer, u.byteOffset, u.byteLength)),
    ]);
  }

  async loadDoc(docName: string): Promise<StoredDoc> {
    const rows = await this.query<{ seq: string; data: Buffer }>(
      'SELECT seq, data FROM doc_updates WHERE doc_name = $1 ORDER BY seq',
      [docName],
    );
    return {
      updates: rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength)),
      lastSeq: rows.length > 0 ? Number(rows[rows.length - 1]!.seq) : 0,
    };
  }

  async compactDoc(docName: string, merged: Uint8Array, upToSeq: number): Promise<void> {
    await this.transaction(async (c) => {
      await c.query('DELETE FROM doc_updates WHERE doc_name = $1 AND seq <= $2', [docName, upToSeq]);
      await c.query('INSERT INTO doc_updates (seq, doc_name, data) VALUES ($1, $2, $3)', [
        upToSeq,
        docName,
        Buffer.from(merged.buffer, merged.byteOffset, merged.byteLength),
      ]);
    });
  }

  async ping(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
