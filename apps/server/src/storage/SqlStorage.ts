import { voteRecommendationIds } from '@roundtable/domain';
import type { FacilitationState, RecommendationStatus } from '@roundtable/protocol';
import { compileOnce } from './compileOnce.js';
import { migrate } from './migrations.js';
import { toBallot, toParticipant, toPerson, toRecommendation, toSession, toVote, type Tables } from './rows.js';
import type { SqlDriver } from './SqlDriver.js';
import { SqlAmendmentStore } from './sql/amendments.js';
import { SqlHistoryStore } from './sql/history.js';
import {
  UniqueViolation,
  type AmendmentStore,
  type HistoryStore,
  type BallotChange,
  type BallotRecord,
  type InviteeRecord,
  type PersonRecord,
  type ParticipantRecord,
  type RecommendationRecord,
  type SessionRecord,
  type Storage,
  type StoredChunk,
  type StoredDoc,
  type VoteRecord,
} from './Storage.js';

/** SQLite's and PostgreSQL's (SQLSTATE) codes for a unique constraint violation. */
const UNIQUE_VIOLATION_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', '23505']);
/**
 * Rows per multi-row INSERT of Yjs updates: SQLite binds at most 32,766 parameters and
 * PostgreSQL 65,535; a group commit is far below this, a long backlog is split.
 */
const MAX_ROWS_PER_INSERT = 500;

/** A unique constraint violation as our own error; anything else unchanged. */
function asUniqueViolation(err: unknown): unknown {
  return UNIQUE_VIOLATION_CODES.has((err as { code?: string }).code ?? '') ? new UniqueViolation() : err;
}

/** SQLite stores booleans as 0/1, and PostgreSQL's boolean reads 0/1 too. */
const bit = (value: boolean) => (value ? 1 : 0);
const toBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/**
 * The one Storage on SQL, the same queries for SQLite and PostgreSQL: the driver brings the
 * dialect (Kysely compiles each query for it) and the way statements are run.
 */
export class SqlStorage implements Storage {
  readonly amendments: AmendmentStore;
  readonly history: HistoryStore;

  constructor(private readonly driver: SqlDriver) {
    this.amendments = new SqlAmendmentStore(driver);
    this.history = new SqlHistoryStore(driver);
  }

  private get db() {
    return this.driver.db;
  }

  async migrate(): Promise<void> {
    await migrate(this.driver);
  }

  async createSession(s: SessionRecord): Promise<void> {
    try {
      await this.driver.changes(
        this.db.insertInto('sessions').values({
          id: s.id,
          title: s.title,
          kind: s.kind,
          level: s.level,
          themes: JSON.stringify(s.themes),
          language: s.language,
          languages: JSON.stringify(s.languages),
          participant_code: s.participantCode,
          observer_code: s.observerCode,
          facilitator_code_hash: s.facilitatorCodeHash,
          created_at: s.createdAt,
          open_join: bit(s.openJoin),
        }),
      );
    } catch (err) {
      throw asUniqueViolation(err);
    }
  }

  async getSession(id: string): Promise<SessionRecord | undefined> {
    const [row] = await this.driver.rows(this.db.selectFrom('sessions').selectAll().where('id', '=', id));
    return row && toSession(row);
  }

  async findSessionByCode(shortCode: string, facilitatorCodeHash: string): Promise<SessionRecord | undefined> {
    const [row] = await this.driver.rows(
      this.db
        .selectFrom('sessions')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('participant_code', '=', shortCode),
            eb('observer_code', '=', shortCode),
            eb('facilitator_code_hash', '=', facilitatorCodeHash),
          ]),
        )
        .limit(1),
    );
    return row && toSession(row);
  }

  async addParticipant(p: ParticipantRecord): Promise<void> {
    await this.driver.changes(
      this.db.insertInto('participants').values({
        id: p.id,
        session_id: p.sessionId,
        name: p.name,
        organisation: p.organisation,
        organisation_type: p.organisationType,
        role: p.role,
        created_at: p.createdAt,
        // Joining is being seen: a join with a shared code is a person arriving.
        first_seen_at: p.createdAt,
        last_seen_at: p.createdAt,
      }),
    );
  }

  async getParticipant(sessionId: string, id: string): Promise<ParticipantRecord | undefined> {
    const [row] = await this.driver.rows(
      this.db.selectFrom('participants').selectAll().where('session_id', '=', sessionId).where('id', '=', id),
    );
    return row && toParticipant(row);
  }

  async listParticipants(sessionId: string): Promise<ParticipantRecord[]> {
    const rows = await this.driver.rows(
      this.db
        .selectFrom('participants')
        .selectAll()
        .where('session_id', '=', sessionId)
        .where('first_seen_at', 'is not', null)
        .where('removed_at', 'is', null)
        .orderBy('created_at')
        .orderBy('id'),
    );
    return rows.map(toParticipant);
  }

  async getActiveParticipant(sessionId: string, id: string): Promise<ParticipantRecord | undefined> {
    const [row] = await this.driver.rows(this.selectActiveParticipant({ sessionId, id }));
    return row && toParticipant(row);
  }

  /** Compiled once: every REST request, socket.io and Yjs connection checks its token's person. */
  private readonly selectActiveParticipant = compileOnce(['sessionId', 'id'], (p) =>
    this.db
      .selectFrom('participants')
      .selectAll()
      .where('session_id', '=', p.sessionId)
      .where('id', '=', p.id)
      .where('removed_at', 'is', null),
  );

  async addInvitees(invitees: readonly InviteeRecord[]): Promise<void> {
    const rows = invitees.map((p) => ({
      id: p.id,
      session_id: p.sessionId,
      name: p.name,
      organisation: p.organisation,
      organisation_type: p.organisationType,
      role: p.role,
      created_at: p.createdAt,
      code_hash: p.codeHash,
    }));
    const inserts = [];
    for (let i = 0; i < rows.length; i += MAX_ROWS_PER_INSERT) {
      inserts.push(this.db.insertInto('participants').values(rows.slice(i, i + MAX_ROWS_PER_INSERT)));
    }
    try {
      await this.driver.batch(inserts);
    } catch (err) {
      throw asUniqueViolation(err);
    }
  }

  async findInvitee(codeHash: string): Promise<ParticipantRecord | undefined> {
    const [row] = await this.driver.rows(
      this.db.selectFrom('participants').selectAll().where('code_hash', '=', codeHash).where('removed_at', 'is', null),
    );
    return row && toParticipant(row);
  }

  async setPersonalCode(sessionId: string, id: string, codeHash: string): Promise<boolean> {
    try {
      const changed = await this.driver.changes(
        this.db
          .updateTable('participants')
          .set({ code_hash: codeHash })
          .where('session_id', '=', sessionId)
          .where('id', '=', id)
          .where('removed_at', 'is', null),
      );
      return changed === 1;
    } catch (err) {
      throw asUniqueViolation(err);
    }
  }

  async listPeople(sessionId: string): Promise<PersonRecord[]> {
    const rows = await this.driver.rows(
      this.db
        .selectFrom('participants')
        .selectAll()
        .where('session_id', '=', sessionId)
        .where('removed_at', 'is', null)
        .orderBy('created_at')
        .orderBy('id'),
    );
    return rows.map(toPerson);
  }

  async markSeen(seen: readonly { sessionId: string; participantId: string; at: string }[]): Promise<void> {
    if (seen.length === 0) return;
    await this.driver.batch(
      seen.map(({ sessionId, participantId, at }) =>
        this.db
          .updateTable('participants')
          .set((eb) => ({
            first_seen_at: eb.fn.coalesce('first_seen_at', eb.val(at)),
            last_seen_at: eb.val(at),
          }))
          .where('session_id', '=', sessionId)
          .where('id', '=', participantId),
      ),
    );
  }

  async retireParticipant(
    sessionId: string,
    id: string,
    change: { at: string; mergedInto: string | null; ballots: readonly BallotChange[] },
  ): Promise<boolean> {
    const [retired] = await this.driver.rows(
      this.db
        .selectFrom('participants')
        .select(['first_seen_at', 'last_seen_at'])
        .where('session_id', '=', sessionId)
        .where('id', '=', id)
        .where('removed_at', 'is', null),
    );
    if (!retired) return false;
    const counts = await this.driver.batch([
      this.db
        .updateTable('participants')
        .set({ removed_at: change.at, merged_into: change.mergedInto, code_hash: null })
        .where('session_id', '=', sessionId)
        .where('id', '=', id)
        .where('removed_at', 'is', null),
      ...(change.mergedInto && retired.first_seen_at
        ? [
            this.db
              .updateTable('participants')
              .set((eb) => ({
                first_seen_at: eb
                  .case()
                  .when('first_seen_at', 'is', null)
                  .then(retired.first_seen_at)
                  .when('first_seen_at', '>', retired.first_seen_at)
                  .then(retired.first_seen_at)
                  .else(eb.ref('first_seen_at'))
                  .end(),
                last_seen_at: eb
                  .case()
                  .when('last_seen_at', 'is', null)
                  .then(retired.last_seen_at)
                  .when('last_seen_at', '<', retired.last_seen_at ?? '')
                  .then(retired.last_seen_at)
                  .else(eb.ref('last_seen_at'))
                  .end(),
              }))
              .where('session_id', '=', sessionId)
              .where('id', '=', change.mergedInto),
          ]
        : []),
      // Only from votes still open: a closed vote keeps its tally.
      ...change.ballots.flatMap((b) => [
        this.db
          .deleteFrom('ballots')
          .where('vote_id', '=', b.voteId)
          .where('voter_key', '=', b.withdraw)
          .where((eb) => eb.exists(this.openVoteQuery(b.voteId))),
        ...(b.replaceWith
          ? [this.upsertBallot({ ...b.replaceWith, ballot: JSON.stringify(b.replaceWith.ballot) })]
          : []),
      ]),
    ]);
    return counts[0] === 1;
  }

  private openVoteQuery(voteId: string) {
    return this.db
      .selectFrom('votes')
      .select((eb) => eb.lit(1).as('one'))
      .where('id', '=', voteId)
      .where('status', '=', 'open');
  }

  async setOpenJoin(sessionId: string, openJoin: boolean): Promise<void> {
    await this.driver.changes(
      this.db
        .updateTable('sessions')
        .set({ open_join: bit(openJoin) })
        .where('id', '=', sessionId),
    );
  }

  async setRetention(sessionId: string, retentionDays: number | null): Promise<void> {
    await this.driver.changes(
      this.db.updateTable('sessions').set({ retention_days: retentionDays }).where('id', '=', sessionId),
    );
  }

  async listRetainedSessions(): Promise<SessionRecord[]> {
    const rows = await this.driver.rows(
      this.db
        .selectFrom('sessions')
        .selectAll()
        .where('retention_days', 'is not', null)
        .where('anonymised_at', 'is', null),
    );
    return rows.map(toSession);
  }

  async anonymiseSession(sessionId: string, at: string, names: (n: number) => string): Promise<void> {
    const people = await this.driver.rows(
      this.db
        .selectFrom('participants')
        .select('id')
        .where('session_id', '=', sessionId)
        .orderBy('created_at')
        .orderBy('id'),
    );
    await this.driver.batch([
      ...people.map((p, i) =>
        this.db
          .updateTable('participants')
          .set({ name: names(i + 1), organisation: null, code_hash: null })
          .where('id', '=', p.id),
      ),
      this.db.updateTable('sessions').set({ anonymised_at: at }).where('id', '=', sessionId),
    ]);
  }

  async setShortCodes(sessionId: string, participantCode: string, observerCode: string): Promise<void> {
    try {
      await this.driver.changes(
        this.db
          .updateTable('sessions')
          .set({ participant_code: participantCode, observer_code: observerCode })
          .where('id', '=', sessionId),
      );
    } catch (err) {
      throw asUniqueViolation(err);
    }
  }

  async deleteSession(sessionId: string, docNames: readonly string[]): Promise<void> {
    // Children first, explicitly: the cascades would do it on PostgreSQL, but SQLite runs
    // them only with foreign_keys on, and a table added later must be listed here anyway
    // (storageSuite checks that no row of any table still names the session).
    const votes = this.db.selectFrom('votes').select('id').where('session_id', '=', sessionId);
    await this.driver.batch([
      this.db.deleteFrom('ballots').where('vote_id', 'in', votes),
      this.db.deleteFrom('votes').where('session_id', '=', sessionId),
      this.db.deleteFrom('facilitation_states').where('session_id', '=', sessionId),
      this.db.deleteFrom('amendments').where('session_id', '=', sessionId),
      this.db.deleteFrom('doc_versions').where('session_id', '=', sessionId),
      this.db.deleteFrom('participants').where('session_id', '=', sessionId),
      this.db.deleteFrom('recommendations').where('session_id', '=', sessionId),
      ...(docNames.length > 0
        ? [
            this.db.deleteFrom('doc_updates').where('doc_name', 'in', [...docNames]),
            this.db.deleteFrom('doc_editors').where('doc_name', 'in', [...docNames]),
          ]
        : []),
      this.db.deleteFrom('sessions').where('id', '=', sessionId),
    ]);
  }

  async reclaimDeletedSession(): Promise<void> {
    // SQLite: one checkpoint covers every table; PostgreSQL vacuums each one.
    const tables: (keyof Tables)[] =
      this.driver.dialect === 'sqlite'
        ? ['doc_updates']
        : [
            'ballots',
            'votes',
            'facilitation_states',
            'amendments',
            'doc_versions',
            'doc_editors',
            'participants',
            'recommendations',
            'doc_updates',
            'sessions',
          ];
    for (const table of tables) await this.driver.reclaimDeleted(table);
  }

  async createRecommendation(r: RecommendationRecord): Promise<void> {
    await this.driver.changes(
      this.db.insertInto('recommendations').values({
        id: r.id,
        session_id: r.sessionId,
        title: r.title,
        theme: r.theme,
        status: r.status,
        titles: JSON.stringify(r.titles),
        created_at: r.createdAt,
        decision_reason: r.decisionReason ?? null,
      }),
    );
  }

  async listRecommendations(sessionId: string): Promise<RecommendationRecord[]> {
    const rows = await this.driver.rows(
      this.db
        .selectFrom('recommendations')
        .selectAll()
        .where('session_id', '=', sessionId)
        .orderBy('created_at')
        .orderBy('id'),
    );
    return rows.map(toRecommendation);
  }

  async getRecommendation(sessionId: string, id: string): Promise<RecommendationRecord | undefined> {
    const [row] = await this.driver.rows(
      this.db.selectFrom('recommendations').selectAll().where('session_id', '=', sessionId).where('id', '=', id),
    );
    return row && toRecommendation(row);
  }

  async findRecommendation(id: string): Promise<RecommendationRecord | undefined> {
    const [row] = await this.driver.rows(this.selectRecommendation({ id }));
    return row && toRecommendation(row);
  }

  /** Compiled once: every Yjs join looks its document up here (see compileOnce). */
  private readonly selectRecommendation = compileOnce(['id'], (p) =>
    this.db.selectFrom('recommendations').selectAll().where('id', '=', p.id),
  );

  async setRecommendationStatus(id: string, status: RecommendationStatus): Promise<void> {
    await this.driver.changes(this.db.updateTable('recommendations').set({ status }).where('id', '=', id));
  }

  async decideRecommendation(id: string, status: RecommendationStatus, reason: string | null): Promise<void> {
    await this.driver.changes(
      this.db.updateTable('recommendations').set({ status, decision_reason: reason }).where('id', '=', id),
    );
  }

  async openVote(v: VoteRecord): Promise<void> {
    await this.driver.batch([
      this.db.insertInto('votes').values({
        id: v.id,
        session_id: v.sessionId,
        method: v.method,
        status: v.status,
        recommendation_id: v.recommendationId,
        question: v.question,
        options: JSON.stringify(v.options),
        anonymous: bit(v.anonymous),
        results: v.results,
        quorum: v.quorum,
        dots_budget: v.dotsBudget,
        split_by_group: bit(v.splitByGroup),
        frozen_texts: JSON.stringify(v.frozenTexts),
        languages_overridden: bit(v.languagesOverridden),
        amendment_id: v.amendmentId,
        opened_at: v.openedAt,
        closes_at: v.closesAt,
        closed_at: v.closedAt,
      }),
      ...voteRecommendationIds(v).map((id) =>
        this.db.updateTable('recommendations').set({ status: 'voting' }).where('id', '=', id),
      ),
    ]);
  }

  async getVote(sessionId: string, id: string): Promise<VoteRecord | undefined> {
    const [row] = await this.driver.rows(
      this.db.selectFrom('votes').selectAll().where('session_id', '=', sessionId).where('id', '=', id),
    );
    return row && toVote(row);
  }

  async listVotes(sessionId: string): Promise<VoteRecord[]> {
    const rows = await this.driver.rows(
      this.db.selectFrom('votes').selectAll().where('session_id', '=', sessionId).orderBy('opened_at').orderBy('id'),
    );
    return rows.map(toVote);
  }

  async listTimedOpenVotes(): Promise<VoteRecord[]> {
    const rows = await this.driver.rows(
      this.db.selectFrom('votes').selectAll().where('status', '=', 'open').where('closes_at', 'is not', null),
    );
    return rows.map(toVote);
  }

  async castBallots(ballots: readonly BallotRecord[]): Promise<boolean[]> {
    const counts = await this.driver.batch(
      ballots.map((b) => this.upsertBallot({ ...b, ballot: JSON.stringify(b.ballot) })),
    );
    return counts.map((n) => n === 1);
  }

  /**
   * The open-check and the write are one statement, so a ballot racing a close is either
   * stored before the close or refused: never stored into a closed vote. On PostgreSQL the
   * vote row is also share-locked, so the close's UPDATE waits for the ballot's commit.
   * Compiled once: this is the hot path of a vote (see compileOnce).
   */
  private readonly upsertBallot = compileOnce(
    ['voteId', 'voterKey', 'participantId', 'group', 'ballot', 'castAt'],
    (p) =>
      this.db
        .insertInto('ballots')
        .columns(['vote_id', 'voter_key', 'participant_id', 'voter_group', 'ballot', 'cast_at'])
        .expression(
          this.db
            .selectNoFrom((eb) => [
              eb.val(p.voteId).as('vote_id'),
              eb.val(p.voterKey).as('voter_key'),
              eb.val(p.participantId).as('participant_id'),
              eb.val(p.group).as('voter_group'),
              eb.val(p.ballot).as('ballot'),
              eb.val(p.castAt).as('cast_at'),
            ])
            .where((eb) =>
              eb.exists(
                eb
                  .selectFrom('votes')
                  .select(eb.lit(1).as('one'))
                  .where('id', '=', p.voteId)
                  .where('status', '=', 'open')
                  .$if(this.driver.dialect === 'postgres', (q) => q.forShare()),
              ),
            ),
        )
        .onConflict((oc) =>
          oc.columns(['vote_id', 'voter_key']).doUpdateSet((eb) => ({
            participant_id: eb.ref('excluded.participant_id'),
            voter_group: eb.ref('excluded.voter_group'),
            ballot: eb.ref('excluded.ballot'),
            cast_at: eb.ref('excluded.cast_at'),
          })),
        ),
  );

  async listBallots(voteId: string): Promise<BallotRecord[]> {
    const rows = await this.driver.rows(
      this.db.selectFrom('ballots').selectAll().where('vote_id', '=', voteId).orderBy('voter_key'),
    );
    return rows.map(toBallot);
  }

  async closeVote(id: string, closedAt: string): Promise<boolean> {
    const changed = await this.driver.changes(
      this.db
        .updateTable('votes')
        .set({ status: 'closed', closed_at: closedAt })
        .where('id', '=', id)
        .where('status', '=', 'open'),
    );
    return changed === 1;
  }

  async getFacilitationState(sessionId: string): Promise<FacilitationState | undefined> {
    const [row] = await this.driver.rows(
      this.db.selectFrom('facilitation_states').select('state').where('session_id', '=', sessionId),
    );
    return row && (JSON.parse(row.state) as FacilitationState);
  }

  async saveFacilitationState(state: FacilitationState, expectedRevision: number): Promise<boolean> {
    const json = JSON.stringify(state);
    const changed = await this.driver.changes(
      expectedRevision === 0
        ? this.db
            .insertInto('facilitation_states')
            .values({ session_id: state.sessionId, revision: state.revision, state: json })
            .onConflict((oc) => oc.column('session_id').doNothing())
        : this.db
            .updateTable('facilitation_states')
            .set({ revision: state.revision, state: json })
            .where('session_id', '=', state.sessionId)
            .where('revision', '=', expectedRevision),
    );
    return changed === 1;
  }

  async deleteDocs(docNames: readonly string[]): Promise<void> {
    if (docNames.length === 0) return;
    await this.driver.changes(this.db.deleteFrom('doc_updates').where('doc_name', 'in', [...docNames]));
  }

  reclaimDeletedDocs(): Promise<void> {
    return this.driver.reclaimDeleted('doc_updates');
  }

  async appendDocUpdates(docName: string, updates: readonly Uint8Array[]): Promise<void> {
    if (updates.length === 0) return;
    // Multi-row INSERTs in one transaction: one round trip and one commit for the batch.
    const inserts = [];
    for (let i = 0; i < updates.length; i += MAX_ROWS_PER_INSERT) {
      const rows = updates.slice(i, i + MAX_ROWS_PER_INSERT).map((u) => ({ doc_name: docName, data: toBuffer(u) }));
      inserts.push(this.db.insertInto('doc_updates').values(rows));
    }
    await this.driver.batch(inserts);
  }

  async loadDoc(docName: string): Promise<StoredDoc> {
    const rows = await this.driver.rows(
      this.db.selectFrom('doc_updates').select(['seq', 'data']).where('doc_name', '=', docName).orderBy('seq'),
    );
    return {
      updates: rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength)),
      seqs: rows.map((r) => Number(r.seq)),
      lastSeq: rows.length > 0 ? Number(rows[rows.length - 1]!.seq) : 0,
    };
  }

  async compactDoc(docName: string, chunks: readonly StoredChunk[], upToSeq: number): Promise<void> {
    await this.driver.batch([
      this.db.deleteFrom('doc_updates').where('doc_name', '=', docName).where('seq', '<=', upToSeq),
      // Reused seqs of compacted rows, so rows appended meanwhile stay after them.
      ...chunks.map((c) =>
        this.db.insertInto('doc_updates').values({ seq: c.seq, doc_name: docName, data: toBuffer(c.data) }),
      ),
    ]);
  }

  ping(): Promise<boolean> {
    return this.driver.ping();
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
