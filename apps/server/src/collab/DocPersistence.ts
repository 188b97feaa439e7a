import { setImmediate as nextTurn } from 'node:timers/promises';
import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { Storage, StoredChunk } from '../storage/Storage.js';
import type { LoadedUpdates } from './DocRoom.js';

/**
 * Updates arriving within this window are written in one transaction. It bounds
 * what a kill -9 can lose to updates received in the last few milliseconds.
 */
export const FLUSH_DELAY_MS = 20;
/** Once a document has this many more stored rows than after its last compaction, they are merged in the background. */
export const COMPACT_AFTER_ROWS = 200;
/**
 * Loading and compaction merge consecutive rows in groups of at most this many bytes (a
 * larger row is a group alone) and rows, with a turn of the event loop between groups.
 * Applying is what costs: ~0.4 ms per KiB of one-letter edits by many clients, so a group
 * takes ~10 ms at worst and the server answers meanwhile. Merging a whole document at once
 * stalled every session for seconds (#11).
 */
export const MERGE_GROUP_BYTES = 16 * 1024;
export const MERGE_GROUP_ROWS = 50;

/**
 * Consecutive runs of `updates`, each within MERGE_GROUP_BYTES and MERGE_GROUP_ROWS. Rows are
 * stored in the order they were applied, so applying the groups in order never waits for a
 * later one.
 */
export function groupRows<T extends Uint8Array>(updates: readonly T[], maxRows = MERGE_GROUP_ROWS): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let bytes = 0;
  for (const u of updates) {
    if (group.length > 0 && (bytes + u.length > MERGE_GROUP_BYTES || group.length >= maxRows)) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(u);
    bytes += u.length;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

const mergeGroup = (group: Uint8Array[]) => (group.length === 1 ? group[0]! : Y.mergeUpdates(group));

/**
 * Updates of one document waiting for storage or Redis, merged by MERGE_GROUP_BYTES of input
 * and no row limit: merging without applying is cheap, and a typist's keystrokes shrink to a
 * few bytes. While the store is down, memory then grows with what was written, not with one
 * array per keystroke, and what is finally sent is a few rows. Order is kept.
 */
export const mergeQueued = (updates: Uint8Array[]) => groupRows(updates, Number.POSITIVE_INFINITY).map(mergeGroup);

/**
 * Applies stored rows group by group (see MERGE_GROUP_BYTES), yielding to the event loop in
 * between; resolves with the merged groups, in order.
 */
export async function applyInGroups(
  updates: readonly Uint8Array[],
  apply: (update: Uint8Array) => void,
): Promise<Uint8Array[]> {
  const merged: Uint8Array[] = [];
  for (const group of groupRows(updates)) {
    if (merged.length > 0) await nextTurn();
    merged.push(mergeGroup(group));
    apply(merged[merged.length - 1]!);
  }
  return merged;
}

/**
 * Appends one document's updates to storage as they arrive and compacts them
 * in the background, so loading a large draft reads a handful of rows.
 */
export class DocPersistence {
  private pending: Uint8Array[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private rows: number;
  /** Rows from which the next compaction starts (the rows left by the last one, plus COMPACT_AFTER_ROWS). */
  private compactAt: number;
  /** The compaction under way, if any: it rewrites rows, so an erase waits for it too. */
  private compacting: Promise<void> | undefined;
  /** Set by discard(): nothing is written any more, not even a retry. */
  private discarded = false;

  constructor(
    private readonly docName: string,
    private readonly storage: Pick<Storage, 'docs'>,
    private readonly log: Logger,
    storedRows: number,
  ) {
    this.rows = storedRows;
    this.compactAt = COMPACT_AFTER_ROWS;
  }

  /**
   * Loads the stored state of a document into a new Y.Doc, in groups (see MERGE_GROUP_BYTES).
   * `bytes` is what the rows hold: an upper bound of the document's encoded size.
   */
  static async load(
    docName: string,
    storage: Pick<Storage, 'docs'>,
  ): Promise<{ doc: Y.Doc; rows: number; loaded: LoadedUpdates }> {
    const stored = await storage.docs.loadDoc(docName);
    const doc = new Y.Doc({ gc: true });
    const groups = await applyInGroups(stored.updates, (u) => Y.applyUpdate(doc, u));
    const bytes = stored.updates.reduce((sum, u) => sum + u.length, 0);
    return { doc, rows: stored.updates.length, loaded: { groups, bytes } };
  }

  enqueue(update: Uint8Array): void {
    if (this.discarded) return;
    this.pending.push(update);
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
  }

  /** Writes every queued update; resolves when they are stored. Writes are serialised. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return this.writing;
    this.writing = this.writing
      .then(() => this.storage.docs.appendDocUpdates(this.docName, batch))
      .then(() => {
        this.rows += batch.length;
        if (this.rows >= this.compactAt) void this.compact();
      })
      .catch((err: unknown) => {
        if (this.discarded) return;
        // Keep the updates, merged: they are retried with the next flush instead of lost.
        this.pending = mergeQueued(batch.concat(this.pending));
        this.log.error({ err, docName: this.docName }, 'storing Yjs updates failed; will retry');
        this.timer ??= setTimeout(() => void this.flush(), FLUSH_DELAY_MS * 50);
      });
    return this.writing;
  }

  /**
   * Merges the stored rows into groups (one row for a small document). Safe to call at any
   * time; runs once at a time.
   */
  compact(): Promise<void> {
    this.compacting ??= this.compactOnce().finally(() => {
      this.compacting = undefined;
    });
    return this.compacting;
  }

  private async compactOnce(): Promise<void> {
    try {
      await this.writing;
      const stored = await this.storage.docs.loadDoc(this.docName);
      if (stored.updates.length <= 1 || this.discarded) return;
      const groups = groupRows(stored.updates);
      const chunks: StoredChunk[] = [];
      // Each chunk takes the seq of the last row of its group: ascending, the last is lastSeq.
      let row = 0;
      for (const group of groups) {
        if (chunks.length > 0) await nextTurn();
        row += group.length;
        chunks.push({ seq: stored.seqs[row - 1]!, data: mergeGroup(group) });
      }
      if (this.discarded) return;
      if (chunks.length < stored.updates.length)
        await this.storage.docs.compactDoc(this.docName, chunks, stored.lastSeq);
      // Rows appended while we merged are still there, after the merged ones. Rows too large
      // to merge do not start a compaction again at every flush.
      this.rows = this.rows - stored.updates.length + chunks.length;
      this.compactAt = this.rows + COMPACT_AFTER_ROWS;
    } catch (err) {
      this.log.error({ err, docName: this.docName }, 'compacting Yjs updates failed');
    }
  }

  /**
   * Drops what is queued and stops (the document is being erased); resolves once the
   * write already under way, if any, has settled, so a delete after it finds its rows.
   */
  discard(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
    this.discarded = true;
    return Promise.all([this.writing, this.compacting]).then(() => undefined);
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** How many updates wait to be written (merged ones count once). */
  get pendingRows(): number {
    return this.pending.length;
  }
}
