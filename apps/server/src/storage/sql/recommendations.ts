import type { RecommendationStatus } from '@roundtable/protocol';
import { compileOnce } from '../compileOnce.js';
import { toRecommendation } from '../rows.js';
import type { RecommendationRecord, RecommendationStore } from '../Storage.js';
import { SqlStore } from './SqlStore.js';

/** Recommendations and their decisions. */
export class SqlRecommendationStore extends SqlStore implements RecommendationStore {
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
}
