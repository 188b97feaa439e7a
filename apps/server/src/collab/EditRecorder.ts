import type { Logger } from 'pino';
import type { DocEdit, HistoryStore } from '../storage/Storage.js';

/**
 * Pending edits are written this often: "who edited this draft since the last version" needs
 * seconds, not milliseconds, and one upsert per person and document per interval keeps the
 * database off the hot update path.
 */
export const EDIT_FLUSH_MS = 3_000;

/** The participant an update's transaction origin names (a client's connection, a server edit for someone). */
function participantOf(origin: unknown): string | undefined {
  if (typeof origin !== 'object' || origin === null) return undefined;
  const { participantId } = origin as { participantId?: unknown };
  return typeof participantId === 'string' ? participantId : undefined;
}

/**
 * Who edited which draft, last when (for the history's editors and "changes since you left").
 * `note` is called for every applied update: it only sets a map entry; the entries are upserted
 * every EDIT_FLUSH_MS (and before a version is kept). Updates from other instances and from
 * storage carry no participant and are not counted: the instance that received them from a
 * client counted them. A crash loses at most the last interval's entries.
 */
export class EditRecorder {
  /** docName -> participantId -> last edit (ms since epoch). */
  private pending = new Map<string, Map<string, number>>();
  private readonly timer: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Pick<HistoryStore, 'recordEdits'>,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
    flushMs: number = EDIT_FLUSH_MS,
  ) {
    this.timer = setInterval(() => void this.flush(), flushMs);
    this.timer.unref();
  }

  /** An update of `docName` was applied with `origin`. */
  note(docName: string, origin: unknown): void {
    const participantId = participantOf(origin);
    if (participantId === undefined) return;
    let doc = this.pending.get(docName);
    if (!doc) {
      doc = new Map();
      this.pending.set(docName, doc);
    }
    doc.set(participantId, this.now());
  }

  /** Writes what is pending (of one document, or of all); resolves once written. */
  flush(docName?: string): Promise<void> {
    const edits: DocEdit[] = [];
    const take = (name: string, people: Map<string, number>) => {
      for (const [participantId, at] of people)
        edits.push({ docName: name, participantId, at: new Date(at).toISOString() });
    };
    if (docName === undefined) {
      for (const [name, people] of this.pending) take(name, people);
      this.pending = new Map();
    } else {
      const people = this.pending.get(docName);
      if (people) take(docName, people);
      this.pending.delete(docName);
    }
    if (edits.length === 0) return this.writing;
    this.writing = this.writing
      .then(() => this.store.recordEdits(edits))
      .catch((err: unknown) => this.log.warn({ err, edits: edits.length }, 'recording who edited drafts failed'));
    return this.writing;
  }

  /** Forgets what is pending of erased documents. */
  forget(docNames: readonly string[]): void {
    for (const name of docNames) this.pending.delete(name);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
