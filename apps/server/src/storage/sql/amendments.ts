import type { Selectable } from 'kysely';
import type { AmendmentRow } from '../rows.js';
import type { SqlDriver } from '../SqlDriver.js';
import type { AmendmentDecision, AmendmentRecord, AmendmentStore } from '../Storage.js';

const toAmendment = (r: Selectable<AmendmentRow>): AmendmentRecord => ({
  id: r.id,
  sessionId: r.session_id,
  recommendationId: r.recommendation_id,
  lang: r.lang as AmendmentRecord['lang'],
  original: r.original,
  replacement: r.replacement,
  reason: r.reason,
  status: r.status as AmendmentRecord['status'],
  authorId: r.author_id,
  createdAt: r.created_at,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by as AmendmentRecord['decidedBy'],
  voteId: r.vote_id,
});

/** Amendments on SQL (SQLite and PostgreSQL alike, like SqlStorage). */
export class SqlAmendmentStore implements AmendmentStore {
  constructor(private readonly driver: SqlDriver) {}

  private get db() {
    return this.driver.db;
  }

  async createAmendment(a: AmendmentRecord): Promise<void> {
    await this.driver.changes(
      this.db.insertInto('amendments').values({
        id: a.id,
        session_id: a.sessionId,
        recommendation_id: a.recommendationId,
        lang: a.lang,
        original: a.original,
        replacement: a.replacement,
        reason: a.reason,
        status: a.status,
        author_id: a.authorId,
        created_at: a.createdAt,
        decided_at: a.decidedAt,
        decided_by: a.decidedBy,
        vote_id: a.voteId,
      }),
    );
  }

  async getAmendment(sessionId: string, id: string): Promise<AmendmentRecord | undefined> {
    const [row] = await this.driver.rows(
      this.db.selectFrom('amendments').selectAll().where('session_id', '=', sessionId).where('id', '=', id),
    );
    return row && toAmendment(row);
  }

  async listAmendments(sessionId: string, recommendationId?: string): Promise<AmendmentRecord[]> {
    let query = this.db.selectFrom('amendments').selectAll().where('session_id', '=', sessionId);
    if (recommendationId !== undefined) query = query.where('recommendation_id', '=', recommendationId);
    const rows = await this.driver.rows(query.orderBy('created_at').orderBy('id'));
    return rows.map(toAmendment);
  }

  async countProposed(recommendationId: string, authorId: string): Promise<number> {
    const [row] = await this.driver.rows(
      this.db
        .selectFrom('amendments')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('recommendation_id', '=', recommendationId)
        .where('author_id', '=', authorId)
        .where('status', '=', 'proposed'),
    );
    return Number(row?.n ?? 0);
  }

  async decideAmendment(id: string, d: AmendmentDecision): Promise<boolean> {
    const changed = await this.driver.changes(
      this.db
        .updateTable('amendments')
        .set({ status: d.status, decided_at: d.decidedAt, decided_by: d.decidedBy, vote_id: d.voteId })
        .where('id', '=', id)
        .where('status', '=', 'proposed'),
    );
    return changed === 1;
  }
}
