import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import * as Y from 'yjs';
import type { Logger } from 'pino';
import { can, isDraftFrozen, parseIntervisionNotesDocName, TokenBucket } from '@roundtable/domain';
import { MAX_YJS_MESSAGE_BYTES, YJS_CLOSE, YJS_MESSAGE_RATE, type Role } from '@roundtable/protocol';
import type { TokenService } from '../auth/tokens.js';
import type { Storage } from '../storage/Storage.js';
import { DocPersistence } from './DocPersistence.js';
import { BUS_ORIGIN, DocRoom, STORAGE_ORIGIN, type CollabConnection } from './DocRoom.js';
import type { DocBus } from './DocBus.js';
import { fragmentToPlainText } from './plainText.js';
import { encodeAwareness, MESSAGE_AWARENESS } from './yMessages.js';

/** Path prefix of the Yjs endpoint: /yjs/<docName>. */
export const YJS_PATH_PREFIX = '/yjs/';
/** The draft body of a recommendation (api-v1). */
export const BODY_FRAGMENT = 'body';
/** A room empty for this long is written out and unloaded (a reconnect in between keeps it). */
export const UNLOAD_GRACE_MS = 2_000;
/** A client whose unsent data passes this is too slow to follow; it is closed and resyncs later. */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** Keep-alive ping period; a connection that has not answered the last ping is dropped. */
export const PING_INTERVAL_MS = 30_000;
/**
 * The stock y-websocket client reconnects when it has received nothing for 30 s, and
 * browsers do not surface pings; an observer alone in a draft receives no awareness
 * either. So every connection gets an empty awareness update this often.
 */
export const KEEPALIVE_INTERVAL_MS = 10_000;
/** An awareness update naming no client: valid y-protocols, changes nothing. */
/**
 * A freeze from another instance is checked against storage this long after: if that
 * instance died between the freeze and storing its vote, the draft is thawed here too.
 * Opening a vote stores it within milliseconds; this leaves room for a slow database.
 */
export const FREEZE_CHECK_MS = 10_000;
const KEEPALIVE_FRAME = encodeAwareness(new Uint8Array([0]));
const DOC_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Who may edit intervision notes now (the phase and the case bringer decide); the
 * facilitation service answers from its cache, loaded by `prepare` before a connection joins.
 */
export interface NotesPolicy {
  prepare(sessionId: string): Promise<void>;
  canPost(sessionId: string, participantId: string, role: Role): boolean;
  /** Erased notes stay erased: their documents are refused, so no client uploads them again. */
  isErased(sessionId: string): boolean;
}

export interface CollabTuning {
  /** Defaults to KEEPALIVE_INTERVAL_MS. */
  keepaliveMs?: number;
  /** Defaults to FREEZE_CHECK_MS. */
  freezeCheckMs?: number;
}

/**
 * The y-websocket compatible endpoint: checks the token on upgrade, loads each
 * document once, relays and persists its updates, and unloads it when nobody is left.
 */
export class CollabServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_YJS_MESSAGE_BYTES });
  private readonly rooms = new Map<string, Promise<DocRoom>>();
  /**
   * Freeze states set on this instance since it started. They win over the status read
   * at load, which may predate a vote opened while the document was loading.
   */
  private readonly frozenDocs = new Map<string, boolean>();
  private notesPolicy: NotesPolicy | undefined;
  /** The rooms of `rooms` that have finished loading, for synchronous access. */
  private readonly liveRooms = new Map<string, DocRoom>();
  private readonly persistences = new Map<string, DocPersistence>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  /** Pending checks of freezes from other instances (see FREEZE_CHECK_MS), per document. */
  private readonly freezeChecks = new Map<string, NodeJS.Timeout>();
  /** Counts the freezes and thaws of each document, so a check knows if one came after it. */
  private readonly freezeChanges = new Map<string, number>();
  private readonly freezeCheckMs: number;
  /** Documents being written out; a new load of the same name waits for it. */
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly alive = new WeakSet<WebSocket>();
  private readonly pinger: NodeJS.Timeout;
  private readonly keepalive: NodeJS.Timeout;
  private closing = false;

  constructor(
    private readonly storage: Storage,
    private readonly tokens: TokenService,
    private readonly log: Logger,
    /** Fan-out to the other server instances (LocalDocBus when there are none). */
    private readonly bus: DocBus,
    tuning: CollabTuning = {},
  ) {
    this.freezeCheckMs = tuning.freezeCheckMs ?? FREEZE_CHECK_MS;
    this.pinger = setInterval(() => this.pingAll(), PING_INTERVAL_MS);
    this.pinger.unref();
    this.keepalive = setInterval(() => {
      for (const ws of this.wss.clients) if (ws.readyState === ws.OPEN) ws.send(KEEPALIVE_FRAME);
    }, tuning.keepaliveMs ?? KEEPALIVE_INTERVAL_MS);
    this.keepalive.unref();
  }

  /** For the http server's 'upgrade' event; returns false when the path is not ours. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(YJS_PATH_PREFIX)) return false;
    // Doc names are ids ([A-Za-z0-9_-]), so they need no decoding: anything else is not found.
    const docName = url.pathname.slice(YJS_PATH_PREFIX.length);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      // Storage may fail while a connection is checked (PostgreSQL unreachable): an
      // unhandled rejection here would kill the process and every session on it (found by
      // test/faults.test.ts). The client is told to come back later; y-websocket retries.
      this.accept(ws, docName, url.searchParams.get('token')).catch((err: unknown) => {
        this.log.warn({ err, docName }, 'refusing a Yjs connection: storage unavailable');
        ws.close(YJS_CLOSE.goingAway, 'storage unavailable');
      });
    });
    return true;
  }

  private async accept(ws: WebSocket, docName: string, token: string | null): Promise<void> {
    ws.binaryType = 'nodebuffer';
    // The rate limit starts with the connection: frames sent while the token is checked
    // and the document loads count too, else a flood sent at once would all be buffered
    // below and applied past the limit (found by test/faults.test.ts).
    const bucket = new TokenBucket(YJS_MESSAGE_RATE.burst, YJS_MESSAGE_RATE.perSecond, Date.now());
    // Over the rate, a frame is not handled. An awareness frame (a caret) is superseded by
    // the next one: dropped, unless the connection floods. Any other frame closes the
    // connection at once: a dropped update would leave the server without an edit the
    // client thinks it sent. Closed, the client reconnects (y-websocket backs off) and the
    // sync handshake sends the server what it lacks.
    const overRate = (frame: Uint8Array): boolean => {
      if (bucket.take(Date.now())) return false;
      const caret = frame[0] === MESSAGE_AWARENESS;
      if ((!caret || bucket.flooding) && ws.readyState === ws.OPEN) ws.close(YJS_CLOSE.rateLimited, 'rate limited');
      return true;
    };
    // Frames that arrive while the document loads wait here, in order.
    const early: Uint8Array[] = [];
    const onEarly = (data: RawData) => {
      const frame = toUint8(data);
      if (!overRate(frame)) early.push(frame);
    };
    ws.on('message', onEarly);
    ws.on('error', (err) => this.log.debug({ err }, 'yjs socket error'));

    // api-v1: accept, then close with 4401 before anything of the document is sent.
    if (this.closing) {
      ws.close(YJS_CLOSE.goingAway, 'server shutting down');
      return;
    }
    const claims = this.tokens.verify(token);
    if (!claims) {
      ws.close(YJS_CLOSE.unauthorized, 'unauthorized');
      return;
    }
    const owner = await this.sessionOf(docName);
    if (!owner) {
      ws.close(YJS_CLOSE.notFound, 'no such document');
      return;
    }
    if (owner !== claims.sessionId) {
      // api-v1: a token of another session is refused like a forged one.
      ws.close(YJS_CLOSE.unauthorized, 'unauthorized');
      return;
    }

    let room: DocRoom;
    try {
      if (parseIntervisionNotesDocName(docName)) {
        await this.notesPolicy?.prepare(owner);
        if (this.notesPolicy?.isErased(owner)) {
          ws.close(YJS_CLOSE.notFound, 'erased');
          return;
        }
      }
      room = await this.room(docName, owner);
    } catch (err) {
      this.log.error({ err, docName }, 'loading document failed');
      ws.close(YJS_CLOSE.goingAway, 'document unavailable');
      return;
    }
    if (ws.readyState !== ws.OPEN) return this.maybeUnload(docName, room);

    const conn: CollabConnection = {
      participantId: claims.participantId,
      role: claims.role,
      canEdit: can(claims.role, 'editDrafts'),
      canShareAwareness: can(claims.role, 'broadcastAwareness'),
      send: (data) => {
        if (ws.readyState !== ws.OPEN) return;
        if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
          ws.close(YJS_CLOSE.tooSlow, 'too slow');
          return;
        }
        ws.send(data);
      },
      close: (code, reason) => ws.close(code, reason),
    };
    clearTimeout(this.unloadTimers.get(docName));
    this.unloadTimers.delete(docName);
    room.add(conn);
    this.alive.add(ws);
    ws.off('message', onEarly);
    ws.on('message', (data) => {
      const frame = toUint8(data);
      if (!overRate(frame)) room.receive(conn, frame);
    });
    ws.on('pong', () => this.alive.add(ws));
    ws.on('close', () => {
      room.remove(conn);
      this.maybeUnload(docName, room);
    });
    for (const data of early) room.receive(conn, data);
  }

  /** The session a document belongs to: a recommendation's, or the one named in a notes doc. */
  private async sessionOf(docName: string): Promise<string | undefined> {
    if (!DOC_NAME.test(docName)) return undefined;
    const notes = parseIntervisionNotesDocName(docName);
    if (notes) return (await this.storage.getSession(notes.sessionId))?.id;
    return (await this.storage.findRecommendation(docName))?.sessionId;
  }

  /** Sets who may edit intervision notes (the facilitation service). */
  setNotesPolicy(policy: NotesPolicy): void {
    this.notesPolicy = policy;
  }

  /**
   * Erases documents for good: live rooms here and on the other instances are closed
   * without writing, queued updates dropped, stored rows and streams deleted.
   */
  async eraseDocs(docNames: readonly string[]): Promise<void> {
    for (const docName of docNames) {
      this.dropRoom(docName);
      await this.bus.publishErased(docName);
    }
    await this.storage.deleteDocs(docNames);
  }

  /** Closes and forgets a live room without writing it out. */
  private dropRoom(docName: string): void {
    const room = this.liveRooms.get(docName);
    this.persistences.get(docName)?.discard();
    clearTimeout(this.unloadTimers.get(docName));
    this.unloadTimers.delete(docName);
    this.rooms.delete(docName);
    this.liveRooms.delete(docName);
    this.persistences.delete(docName);
    if (!room) return;
    room.closeAll(YJS_CLOSE.notFound, 'erased');
    void this.bus.detach(docName);
    room.destroy();
  }

  /** The live room of a document, loading it from storage once. */
  private room(docName: string, sessionId: string): Promise<DocRoom> {
    let pending = this.rooms.get(docName);
    if (!pending) {
      const settled = this.unloading.get(docName) ?? Promise.resolve();
      pending = settled.then(async () => {
        const { doc, rows } = await DocPersistence.load(docName, this.storage);
        const rec = await this.storage.findRecommendation(docName);
        const notes = parseIntervisionNotesDocName(docName);
        const persistence = new DocPersistence(docName, this.storage, this.log, rows);
        this.persistences.set(docName, persistence);
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
          notes
            ? (conn) => this.notesPolicy?.canPost(notes.sessionId, conn.participantId, conn.role) ?? false
            : undefined,
        );
        room.frozen = this.frozenDocs.get(docName) ?? (rec ? isDraftFrozen(rec.status) : false);
        this.liveRooms.set(docName, room);
        await this.bus.attach(docName, {
          update: (u) => this.applySafely(room, () => room.applyExternal(u, BUS_ORIGIN)),
          awareness: (u) => this.applySafely(room, () => room.applyExternalAwareness(u)),
          frozen: (frozen) => {
            this.frozenDocs.set(docName, frozen);
            room.frozen = frozen;
            this.scheduleFreezeCheck(docName, frozen);
          },
          resync: () => void this.resync(docName, room),
          erased: () => this.dropRoom(docName),
        });
        return room;
      });
      this.rooms.set(docName, pending);
      pending.catch(() => this.rooms.delete(docName));
    }
    return pending;
  }

  private maybeUnload(docName: string, room: DocRoom): void {
    if (room.size > 0 || this.unloadTimers.has(docName)) return;
    const timer = setTimeout(() => {
      this.unloadTimers.delete(docName);
      if (room.size === 0) void this.unload(docName, room);
    }, UNLOAD_GRACE_MS);
    this.unloadTimers.set(docName, timer);
  }

  private unload(docName: string, room: DocRoom): Promise<void> {
    const persistence = this.persistences.get(docName);
    // Leave the map at once; a connection arriving meanwhile loads a fresh room
    // from storage, after this write-out (see room()).
    this.rooms.delete(docName);
    this.liveRooms.delete(docName);
    this.persistences.delete(docName);
    const done = (async () => {
      await this.bus.detach(docName);
      if (persistence) {
        await persistence.flush();
        await persistence.compact();
      }
      room.destroy();
      this.log.debug({ docName }, 'document unloaded');
    })().finally(() => this.unloading.delete(docName));
    this.unloading.set(docName, done);
    return done;
  }

  /**
   * Plain text of a draft's body: from memory when the document is live, else
   * from storage, so it is the text the server holds.
   */
  async readText(docName: string): Promise<string> {
    const live = this.rooms.get(docName);
    if (live) return fragmentToPlainText((await live).doc.getXmlFragment(BODY_FRAGMENT));
    await this.unloading.get(docName);
    const { doc } = await DocPersistence.load(docName, this.storage);
    try {
      return fragmentToPlainText(doc.getXmlFragment(BODY_FRAGMENT));
    } finally {
      doc.destroy();
    }
  }

  /**
   * Freezes or thaws a live draft at once (a document loaded later reads its
   * recommendation's status). Freeze before reading the text to be voted on, so no
   * update can slip in between.
   */
  setFrozen(docName: string, frozen: boolean): void {
    this.scheduleFreezeCheck(docName, false);
    this.frozenDocs.set(docName, frozen);
    const live = this.liveRooms.get(docName);
    if (live) live.frozen = frozen;
    this.bus.publishFrozen(docName, frozen);
  }

  /**
   * Each freeze or thaw replaces the pending check of the previous one; a freeze that came
   * from another instance is checked against the recommendation's stored status later.
   */
  private scheduleFreezeCheck(docName: string, fromOtherInstance: boolean): void {
    clearTimeout(this.freezeChecks.get(docName));
    this.freezeChecks.delete(docName);
    const change = (this.freezeChanges.get(docName) ?? 0) + 1;
    this.freezeChanges.set(docName, change);
    if (!fromOtherInstance) return;
    const timer = setTimeout(() => {
      this.freezeChecks.delete(docName);
      void this.storage.findRecommendation(docName).then(
        (rec) => {
          // A freeze or thaw after this one (from here or elsewhere) decides instead.
          if (this.freezeChanges.get(docName) !== change || this.frozenDocs.get(docName) !== true) return;
          if (!rec || isDraftFrozen(rec.status)) return;
          this.log.warn({ docName }, 'a draft frozen by another instance has no vote stored; thawing it');
          this.frozenDocs.set(docName, false);
          const live = this.liveRooms.get(docName);
          if (live) live.frozen = false;
        },
        (err: unknown) => this.log.warn({ err, docName }, 'checking a freeze against storage failed'),
      );
    }, this.freezeCheckMs);
    timer.unref();
    this.freezeChecks.set(docName, timer);
  }

  /** After a broken link to the other instances: reload what storage holds and its status. */
  private async resync(docName: string, room: DocRoom): Promise<void> {
    try {
      const stored = await this.storage.loadDoc(docName);
      if (stored.updates.length > 0) room.applyExternal(Y.mergeUpdates(stored.updates), STORAGE_ORIGIN);
      const rec = await this.storage.findRecommendation(docName);
      if (rec) {
        room.frozen = isDraftFrozen(rec.status);
        this.frozenDocs.set(docName, room.frozen);
      }
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
    return this.rooms.size;
  }

  /** Stops accepting, flushes every document and closes every connection. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.pinger);
    clearInterval(this.keepalive);
    for (const t of this.unloadTimers.values()) clearTimeout(t);
    for (const t of this.freezeChecks.values()) clearTimeout(t);
    this.unloadTimers.clear();
    const rooms = await Promise.allSettled([...this.rooms.values()]);
    await Promise.all([...this.persistences.values()].map((p) => p.flush()));
    await Promise.allSettled([...this.unloading.values()]);
    for (const r of rooms) {
      if (r.status === 'fulfilled') r.value.closeAll(YJS_CLOSE.goingAway, 'server shutting down');
    }
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }

  private pingAll(): void {
    for (const ws of this.wss.clients) {
      if (!this.alive.has(ws)) {
        ws.terminate();
        continue;
      }
      this.alive.delete(ws);
      ws.ping();
    }
  }
}

function toUint8(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
