import type { Logger } from 'pino';
import type * as Y from 'yjs';
import { isDraftFrozen } from '@roundtable/domain';
import { DRAFT_BODY_FIELD, type Language, YJS_CLOSE, YJS_CLOSE_REASON } from '@roundtable/protocol';
import { AlignmentTracker, type StampAuthor } from './AlignmentTracker.js';
import type { Storage } from '../storage/Storage.js';
import { applyInGroups, DocPersistence } from './DocPersistence.js';
import { BUS_ORIGIN, DocRoom, STORAGE_ORIGIN, type CollabConnection } from './DocRoom.js';
import type { DocBus } from './DocBus.js';
import type { DraftFreezes } from './DraftGate.js';
import { fragmentToPlainText } from '@roundtable/domain/draftText';
import type { EditRecorder } from './EditRecorder.js';
import { type DraftVersions, restoreInto, snapshotOf, versionsOf } from './draftContent.js';
import { replaceText, type ReplacementResult } from './textReplacement.js';

/** A room empty for this long is written out and unloaded (a reconnect in between keeps it). */
export const UNLOAD_GRACE_MS = 2_000;

/** Who may post to a room beyond the edit right (intervision notes pass their phase rules). */
export type CanPost = (conn: CollabConnection) => boolean;

/** Everything this instance holds for one document in memory: one record, not a map per field. */
interface LiveDoc {
  /** Settles once the document is loaded from storage and attached to the bus. */
  readonly loading: Promise<DocRoom>;
  /** Set once `loading` settles, for synchronous access. */
  room?: DocRoom;
  persistence?: DocPersistence;
  /** A draft of a session with several languages: its alignment stamps (AlignmentTracker). */
  alignment?: AlignmentTracker;
  unloadTimer?: NodeJS.Timeout;
}

/**
 * The documents live on this instance: loads each one once, relays what the other
 * instances send, writes it out and unloads it when nobody is left, erases it for good.
 * It knows no transport: connections are added to the room it hands out.
 */
export class DocRegistry {
  private readonly docs = new Map<string, LiveDoc>();
  /** Documents being written out; a new load of the same name waits for it. */
  private readonly unloading = new Map<string, Promise<void>>();

  constructor(
    private readonly storage: Pick<Storage, 'docs' | 'recommendations' | 'sessions'>,
    /** Fan-out to the other server instances (LocalDocBus when there are none). */
    private readonly bus: DocBus,
    /** Freeze states of drafts: read when a room loads, told what the other instances say. */
    private readonly freezes: DraftFreezes,
    private readonly log: Logger,
    /** Who edits which draft (history); none in tests that do not need it. */
    private readonly edits?: EditRecorder,
  ) {}

  /**
   * The live room of a document, loading it from storage once. `canPost` is used by
   * the load that creates the room (every caller passes the same policy for a name).
   */
  open(docName: string, sessionId: string, canPost?: CanPost): Promise<DocRoom> {
    let live = this.docs.get(docName);
    if (!live) {
      const settled = this.unloading.get(docName) ?? Promise.resolve();
      const loading = settled.then(() => this.load(docName, sessionId, record, canPost));
      const record: LiveDoc = { loading };
      live = record;
      this.docs.set(docName, record);
      loading.catch(() => {
        if (this.docs.get(docName) === record) this.docs.delete(docName);
      });
    }
    return live.loading;
  }

  /** Adds a connection to an opened room; a pending unload of it is called off. */
  join(docName: string, room: DocRoom, conn: CollabConnection): void {
    const live = this.docs.get(docName);
    if (live?.room === room) {
      clearTimeout(live.unloadTimer);
      live.unloadTimer = undefined;
    }
    room.add(conn);
  }

  /** A connection left (or never joined): once the room is empty, it is unloaded. */
  leave(docName: string, room: DocRoom, conn?: CollabConnection): void {
    if (conn) room.remove(conn);
    this.release(docName, room);
  }

  private async load(
    docName: string,
    sessionId: string,
    record: LiveDoc,
    canPost: CanPost | undefined,
  ): Promise<DocRoom> {
    const { doc, rows, loaded } = await DocPersistence.load(docName, this.storage);
    const rec = await this.storage.recommendations.findRecommendation(docName);
    const persistence = new DocPersistence(docName, this.storage, this.log, rows);
    record.persistence = persistence;
    const room = new DocRoom(
      docName,
      sessionId,
      doc,
      {
        // Updates from other instances are stored here too: if the instance that
        // received one dies before its own write, the update is still kept.
        persist: (u) => persistence.enqueue(u),
        publishUpdate: (u) => this.bus.publishUpdate(docName, u),
        publishAwareness: (u) => this.bus.publishAwareness(docName, u),
      },
      this.log.child({ doc: docName }),
      canPost,
      loaded,
    );
    this.freezes.track(docName, room, rec ? isDraftFrozen(rec.status) : false);
    const edits = this.edits;
    // Only drafts have a history; a Map write per update, the database is written later.
    if (rec && edits) doc.on('update', (_u: Uint8Array, origin: unknown) => edits.note(docName, origin));
    const languages = rec ? (await this.storage.sessions.getSession(rec.sessionId))?.languages : undefined;
    // A single-language draft gets no stamps: its document is exactly what it was in 1.0.
    if (languages && languages.length > 1) record.alignment = new AlignmentTracker(doc, languages);
    record.room = room;
    await this.bus.attach(docName, {
      update: (u) => this.applySafely(room, () => room.applyExternal(u, BUS_ORIGIN)),
      awareness: (u) => this.applySafely(room, () => room.applyExternalAwareness(u)),
      frozen: (frozen) => this.freezes.fromOtherInstance(docName, frozen),
      resync: () => void this.resync(docName, room),
      erased: () => void this.drop(docName),
    });
    if (this.docs.get(docName) !== record) {
      // Erased while it loaded (drop() found no room to close): it must not be joined.
      await persistence.discard();
      this.freezes.untrack(docName, room);
      await this.bus.detach(docName);
      record.alignment?.destroy();
      room.destroy();
      throw new Error('document erased while it loaded');
    }
    return room;
  }

  /** Once `room` is empty for UNLOAD_GRACE_MS, it is written out and unloaded. */
  private release(docName: string, room: DocRoom): void {
    const live = this.docs.get(docName);
    if (room.size > 0 || !live || live.room !== room || live.unloadTimer) return;
    live.unloadTimer = setTimeout(() => {
      live.unloadTimer = undefined;
      if (room.size === 0) void this.unload(docName, live, room);
    }, UNLOAD_GRACE_MS);
  }

  private unload(docName: string, live: LiveDoc, room: DocRoom): Promise<void> {
    // Leave the map at once; a connection arriving meanwhile loads a fresh room
    // from storage, after this write-out (see open()).
    this.docs.delete(docName);
    this.freezes.untrack(docName, room);
    const done = (async () => {
      await this.bus.detach(docName);
      if (live.persistence) {
        await live.persistence.flush();
        await live.persistence.compact();
      }
      live.alignment?.destroy();
      room.destroy();
      this.log.debug({ docName }, 'document unloaded');
    })().finally(() => this.unloading.delete(docName));
    this.unloading.set(docName, done);
    return done;
  }

  /**
   * Erases documents for good: live rooms here and on the other instances are closed
   * without writing, queued updates dropped, stored rows and streams deleted.
   */
  async eraseDocs(docNames: readonly string[]): Promise<void> {
    const writes: Promise<void>[] = [];
    for (const docName of docNames) {
      writes.push(this.drop(docName));
      const unloading = this.unloading.get(docName);
      if (unloading) writes.push(unloading);
      await this.bus.publishErased(docName);
    }
    // A write already sent (PostgreSQL: on another pooled connection) would otherwise
    // commit after the DELETE and keep its rows.
    await Promise.allSettled(writes);
    this.edits?.forget(docNames);
    await this.storage.docs.deleteDocs(docNames);
    try {
      await this.storage.docs.reclaimDeletedDocs();
    } catch (err) {
      this.log.warn({ err, docNames }, 'erased notes deleted, but the database still holds old copies');
    }
  }

  /**
   * Closes and forgets a live room without writing it out; resolves once a write of it
   * already under way has settled.
   */
  private drop(docName: string): Promise<void> {
    // Who edited it goes too (a deleted session's draft), here and, through the bus, elsewhere.
    this.edits?.forget([docName]);
    const live = this.docs.get(docName);
    if (!live) return Promise.resolve();
    const writing = live.persistence?.discard() ?? Promise.resolve();
    clearTimeout(live.unloadTimer);
    this.docs.delete(docName);
    const room = live.room;
    if (!room) return writing;
    this.freezes.untrack(docName, room);
    room.closeAll(YJS_CLOSE.notFound, YJS_CLOSE_REASON.erased);
    void this.bus.detach(docName);
    live.alignment?.destroy();
    room.destroy();
    return writing;
  }

  /**
   * Plain text of a draft's body: from memory when the document is live, else
   * from storage, so it is the text the server holds.
   */
  readText(docName: string): Promise<string> {
    return this.readDoc(docName, (doc) => fragmentToPlainText(doc.getXmlFragment(DRAFT_BODY_FIELD)));
  }

  /**
   * Every language version of a draft with its alignment: from memory when the document is
   * live, else from storage. One read, so the texts and the states agree.
   */
  readVersions(docName: string, languages: readonly Language[]): Promise<DraftVersions> {
    return this.readDoc(docName, (doc, live) => versionsOf(doc, languages, live?.alignment));
  }

  /**
   * Reads a document: the live one when it is loaded here (`live` then says what else is
   * held for it), else a copy loaded from storage for the read and destroyed after it.
   */
  private async readDoc<T>(docName: string, read: (doc: Y.Doc, live?: LiveDoc) => T): Promise<T> {
    const live = this.docs.get(docName);
    if (live) return read((await live.loading).doc, live);
    await this.unloading.get(docName);
    const { doc } = await DocPersistence.load(docName, this.storage);
    try {
      return read(doc);
    } finally {
      doc.destroy();
    }
  }

  /**
   * Confirms one language version of a draft: a stamp in its document, stored and sent to
   * every client and instance like an edit. The document is loaded for it when no one has
   * it open here, and unloaded again after the grace period.
   */
  async confirmVersion(
    docName: string,
    sessionId: string,
    languages: readonly Language[],
    lang: Language,
    author: StampAuthor,
  ): Promise<DraftVersions> {
    const room = await this.open(docName, sessionId);
    try {
      const live = this.docs.get(docName);
      const alignment = live?.room === room ? live.alignment : undefined;
      alignment?.confirm(lang, author);
      return versionsOf(room.doc, languages, alignment);
    } finally {
      this.release(docName, room);
    }
  }

  /**
   * Replaces the one occurrence of `original` in fragment `fragmentName` of a draft by
   * `replacement` (an accepted amendment): one transaction on the live document with
   * `origin`, so every client and instance gets it as one update, stored like any other
   * before this resolves. Refused, nothing changes (see replaceText). The document is
   * loaded for it when no one has it open here.
   */
  async applyTextReplacement(
    docName: string,
    sessionId: string,
    fragmentName: string,
    original: string,
    replacement: string,
    origin: unknown,
  ): Promise<ReplacementResult> {
    const room = await this.open(docName, sessionId);
    try {
      const result = replaceText(room.doc, fragmentName, original, replacement, origin);
      if (result.ok) await this.docs.get(docName)?.persistence?.flush();
      return result;
    } finally {
      this.release(docName, room);
    }
  }

  /** Writes who edited `docName` on this instance so far (before "who edited since" is read). */
  flushEdits(docName: string): Promise<void> {
    return this.edits?.flush(docName) ?? Promise.resolve();
  }

  /**
   * Every language version's text of a draft and its encoded state, in one read (memory,
   * else storage), for a kept version. Pending editors of it are written first.
   */
  async snapshot(
    docName: string,
    languages: readonly Language[],
  ): Promise<{ texts: Record<Language, string>; state: Uint8Array }> {
    await this.edits?.flush(docName);
    return this.readDoc(docName, (doc) => snapshotOf(doc, languages));
  }

  /**
   * Brings back a kept version as a new edit (history is never rewritten): each language
   * version's content is replaced in one transaction with `origin` (restoreInto). Stored
   * before this resolves.
   */
  async restoreVersion(
    docName: string,
    sessionId: string,
    languages: readonly Language[],
    kept: { state: Uint8Array | null; texts: Partial<Record<Language, string>> },
    origin: unknown,
  ): Promise<void> {
    const room = await this.open(docName, sessionId);
    try {
      restoreInto(room.doc, languages, kept, origin);
      await this.docs.get(docName)?.persistence?.flush();
    } finally {
      this.release(docName, room);
    }
  }

  /** After a broken link to the other instances: reload what storage holds and its status. */
  private async resync(docName: string, room: DocRoom): Promise<void> {
    try {
      const stored = await this.storage.docs.loadDoc(docName);
      await applyInGroups(stored.updates, (u) => room.applyExternal(u, STORAGE_ORIGIN));
      const rec = await this.storage.recommendations.findRecommendation(docName);
      if (rec) this.freezes.fromStorage(docName, isDraftFrozen(rec.status));
    } catch (err) {
      this.log.warn({ err, docName }, 'resync from storage failed');
    }
  }

  /** An update from another instance that does not apply is logged, not fatal. */
  private applySafely(room: DocRoom, apply: () => void): void {
    try {
      apply();
    } catch (err) {
      this.log.warn({ err, doc: room.name }, 'ignoring an update from another instance that does not apply');
    }
  }

  /** Number of documents in memory (for tests and metrics). */
  get loadedDocs(): number {
    return this.docs.size;
  }

  /**
   * Flushes every document and closes its connections with `code`; the registry is
   * not used afterwards (the endpoint stops accepting first).
   */
  async close(code: number, reason: string): Promise<void> {
    for (const live of this.docs.values()) clearTimeout(live.unloadTimer);
    this.freezes.close();
    const docs = [...this.docs.values()];
    const rooms = await Promise.allSettled(docs.map((d) => d.loading));
    await Promise.all(docs.map((d) => d.persistence?.flush()));
    await Promise.allSettled([...this.unloading.values()]);
    for (const r of rooms) {
      if (r.status === 'fulfilled') r.value.closeAll(code, reason);
    }
  }
}
