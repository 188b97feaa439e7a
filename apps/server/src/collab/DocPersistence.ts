import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { Storage } from '../storage/Storage.js';

/**
 * Updates arriving within this window are written in one transaction. It bounds
 * what a kill -9 can lose to updates received in the last few milliseconds.
 */
export const FLUSH_DELAY_MS = 20;
/** Once a document has this many stored rows, they are merged into one in the background. */
export const COMPACT_AFTER_ROWS = 200;

/**
 * Appends one document's updates to storage as they arrive and compacts them
 * in the background, so loading a large draft reads a handful of rows.
 */
export class DocPersistence {
  private pending: Uint8Array[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private rows: number;
  /** The compaction under way, if any: it rewrites rows, so an erase waits for it too. */
  private compacting: Promise<void> | undefined;
  /** Set by discard(): nothing is written any more, not even a retry. */
  private discarded = false;

  constructor(
    private readonly docName: string,
    private readonly storage: Storage,
    private readonly log: Logger,
    storedRows: number,
  ) {
    this.rows = storedRows;
  }

  /** Loads the stored state of a document into a new Y.Doc. */
  static async load(docName: string, storage: Storage): Promise<{ doc: Y.Doc; rows: number }> {
    const stored = await storage.loadDoc(docName);
    const doc = new Y.Doc({ gc: true });
    if (stored.updates.length > 0) {
      Y.applyUpdate(doc, stored.updates.length === 1 ? stored.updates[0]! : Y.mergeUpdates(stored.updates));
    }
    return { doc, rows: stored.updates.length };
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
      .then(() => this.storage.appendDocUpdates(this.docName, batch))
      .then(() => {
        this.rows += batch.length;
        if (this.rows >= COMPACT_AFTER_ROWS) void this.compact();
      })
      .catch((err: unknown) => {
        if (this.discarded) return;
        // Keep the updates: they are retried with the next flush instead of lost.
        this.pending = batch.concat(this.pending);
        this.log.error({ err, docName: this.docName }, 'storing Yjs updates failed; will retry');
        this.timer ??= setTimeout(() => void this.flush(), FLUSH_DELAY_MS * 50);
      });
    return this.writing;
  }

  /** Merges the stored rows into one. Safe to call at any time; runs once at a time. */
  compact(): Promise<void> {
    this.compacting ??= this.compactOnce().finally(() => {
      this.compacting = undefined;
    });
    return this.compacting;
  }

  private async compactOnce(): Promise<void> {
    try {
      await this.writing;
      const stored = await this.storage.loadDoc(this.docName);
      if (stored.updates.length <= 1 || this.discarded) return;
      await this.storage.compactDoc(this.docName, Y.mergeUpdates(stored.updates), stored.lastSeq);
      // Rows appended while we merged are still there, after the merged one.
      this.rows = this.rows - stored.updates.length + 1;
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
}
