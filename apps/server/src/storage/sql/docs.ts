import type { DocStore, StoredChunk, StoredDoc } from '../Storage.js';
import { MAX_ROWS_PER_INSERT, toBuffer } from './sqlValues.js';
import { SqlStore } from './SqlStore.js';

/** Yjs documents as rows of updates: append, load, compact, erase. */
export class SqlDocStore extends SqlStore implements DocStore {
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
}
