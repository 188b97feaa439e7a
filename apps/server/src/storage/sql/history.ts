import type { Selectable } from 'kysely';
import type { DocVersionRow } from '../rows.js';
import type { SqlDriver } from '../SqlDriver.js';
import type { VersionReason } from '@roundtable/protocol';
import type { DocEdit, DraftVersionContent, DraftVersionRecord, HistoryStore } from '../Storage.js';

const toBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

type VersionMeta = Omit<Selectable<DocVersionRow>, 'texts' | 'state'>;

const toVersion = (r: VersionMeta): DraftVersionRecord => ({
  id: r.id,
  sessionId: r.session_id,
  recommendationId: r.recommendation_id,
  createdAt: r.created_at,
  reason: r.reason as DraftVersionRecord['reason'],
  label: r.label,
  restoredFrom: r.restored_from,
  amendmentId: r.amendment_id,
  voteId: r.vote_id,
  hashes: JSON.parse(r.hashes) as DraftVersionRecord['hashes'],
  editorIds: JSON.parse(r.editors) as string[],
});

const META_COLUMNS = [
  'id',
  'session_id',
  'recommendation_id',
  'created_at',
  'reason',
  'label',
  'restored_from',
  'amendment_id',
  'vote_id',
  'hashes',
  'editors',
] as const;

/** Kept versions and last edits on SQL (SQLite and PostgreSQL alike, like SqlStorage). */
export class SqlHistoryStore implements HistoryStore {
  constructor(private readonly driver: SqlDriver) {}

  private get db() {
    return this.driver.db;
  }

  async addVersion(v: DraftVersionRecord, content: DraftVersionContent): Promise<void> {
    await this.driver.changes(
      this.db.insertInto('doc_versions').values({
        id: v.id,
        session_id: v.sessionId,
        recommendation_id: v.recommendationId,
        created_at: v.createdAt,
        reason: v.reason,
        label: v.label,
        restored_from: v.restoredFrom,
        amendment_id: v.amendmentId,
        vote_id: v.voteId,
        texts: JSON.stringify(content.texts),
        hashes: JSON.stringify(v.hashes),
        editors: JSON.stringify(v.editorIds),
        state: content.state ? toBuffer(content.state) : null,
      }),
    );
  }

  async listVersions(recommendationId: string): Promise<DraftVersionRecord[]> {
    // Texts and states are left out: a long history of a long draft is read version by version.
    const rows = await this.driver.rows(
      this.db
        .selectFrom('doc_versions')
        .select(META_COLUMNS)
        .where('recommendation_id', '=', recommendationId)
        .orderBy('created_at')
        .orderBy('id'),
    );
    return rows.map(toVersion);
  }

  async countVersions(of: { sessionId: string; recommendationId?: string; reason?: VersionReason }): Promise<number> {
    let query = this.db
      .selectFrom('doc_versions')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('session_id', '=', of.sessionId);
    if (of.recommendationId !== undefined) query = query.where('recommendation_id', '=', of.recommendationId);
    if (of.reason !== undefined) query = query.where('reason', '=', of.reason);
    const [row] = await this.driver.rows(query);
    return Number(row?.n ?? 0);
  }

  async getVersion(
    recommendationId: string,
    id: string,
  ): Promise<{ version: DraftVersionRecord; content: DraftVersionContent } | undefined> {
    const [row] = await this.driver.rows(
      this.db
        .selectFrom('doc_versions')
        .selectAll()
        .where('recommendation_id', '=', recommendationId)
        .where('id', '=', id),
    );
    if (!row) return undefined;
    const state = row.state ? new Uint8Array(row.state.buffer, row.state.byteOffset, row.state.byteLength) : null;
    return {
      version: toVersion(row),
      content: { texts: JSON.parse(row.texts) as DraftVersionContent['texts'], state },
    };
  }

  async recordEdits(edits: readonly DocEdit[]): Promise<void> {
    if (edits.length === 0) return;
    await this.driver.batch(
      edits.map((e) =>
        this.db
          .insertInto('doc_editors')
          .columns(['doc_name', 'participant_id', 'last_edit_at'])
          // Only for a draft that still exists: a write of another instance that comes after
          // its session was deleted leaves no row naming it.
          .expression((eb) =>
            eb
              .selectFrom('recommendations')
              .select([
                eb.val(e.docName).as('doc_name'),
                eb.val(e.participantId).as('participant_id'),
                eb.val(e.at).as('last_edit_at'),
              ])
              .where('id', '=', e.docName),
          )
          .onConflict((oc) =>
            oc
              .columns(['doc_name', 'participant_id'])
              .doUpdateSet({ last_edit_at: (eb) => eb.ref('excluded.last_edit_at') })
              .where('doc_editors.last_edit_at', '<', (eb) => eb.ref('excluded.last_edit_at')),
          ),
      ),
    );
  }

  async editsSince(docName: string, since: string | null): Promise<DocEdit[]> {
    let query = this.db.selectFrom('doc_editors').selectAll().where('doc_name', '=', docName);
    if (since !== null) query = query.where('last_edit_at', '>', since);
    const rows = await this.driver.rows(query.orderBy('last_edit_at').orderBy('participant_id'));
    return rows.map((r) => ({ docName: r.doc_name, participantId: r.participant_id, at: r.last_edit_at }));
  }
}
