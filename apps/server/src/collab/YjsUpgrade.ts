import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Logger } from 'pino';
import { ByteBudget, can, parseIntervisionNotesDocName, parseMinutesDocName, TokenBucket } from '@roundtable/domain';
import {
  MAX_YJS_MESSAGE_BYTES,
  YJS_BYTE_RATE,
  YJS_CLOSE,
  YJS_CLOSE_REASON,
  YJS_KEEPALIVE_MS,
  YJS_MESSAGE_RATE,
  type Role,
} from '@roundtable/protocol';
import type { Admission } from '../auth/Admission.js';
import type { Storage } from '../storage/Storage.js';
import type { CollabConnection, DocRoom } from './DocRoom.js';
import type { CanPost, DocRegistry } from './DocRegistry.js';
import { encodeAwareness, MESSAGE_AWARENESS } from './yMessages.js';

/** Path prefix of the Yjs endpoint: /yjs/<docName>. */
export const YJS_PATH_PREFIX = '/yjs/';
/** A client whose unsent data passes this is too slow to follow; it is closed and resyncs later. */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** Keep-alive ping period; a connection that has not answered the last ping is dropped. */
export const PING_INTERVAL_MS = 30_000;
/**
 * Browsers do not surface pings, and an observer alone in a draft receives no awareness
 * either; so every connection gets an empty awareness update this often. The stock
 * y-websocket client then stays connected (it reconnects after 30 s without a message), and
 * the web app tells a dead path within `YJS_SILENCE_MS` (docs/protocol.md, "Heartbeat").
 */
export const KEEPALIVE_INTERVAL_MS = YJS_KEEPALIVE_MS;
/** An awareness update naming no client: valid y-protocols, changes nothing. */
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

/** Who may write a session's minutes now (facilitators and the named minute-taker). */
export interface MinutesPolicy {
  prepare(sessionId: string): Promise<void>;
  canPost(sessionId: string, participantId: string, role: Role): boolean;
}

export interface CollabTuning {
  /** Defaults to KEEPALIVE_INTERVAL_MS. */
  keepaliveMs?: number;
  /** Defaults to FREEZE_CHECK_MS. */
  freezeCheckMs?: number;
}

export interface YjsUpgradeDeps {
  docs: DocRegistry;
  storage: Pick<Storage, 'recommendations' | 'sessions'>;
  /** Checks the token and that its person is still in the session. */
  admission: Admission;
  notes: NotesPolicy;
  minutes: MinutesPolicy;
  log: Logger;
}

/**
 * The y-websocket compatible endpoint: checks the token on upgrade, hands the
 * connection to its document's room (DocRegistry), keeps idle connections alive
 * and drops dead ones.
 */
export class YjsUpgrade {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_YJS_MESSAGE_BYTES });
  private readonly docs: DocRegistry;
  private readonly storage: Pick<Storage, 'recommendations' | 'sessions'>;
  private readonly admission: Admission;
  private readonly notes: NotesPolicy;
  private readonly minutes: MinutesPolicy;
  /** Open connections per session, with the person each one acts for (to close them on removal). */
  private readonly bySession = new Map<string, Map<WebSocket, string>>();
  private readonly log: Logger;
  private readonly alive = new WeakSet<WebSocket>();
  private readonly pinger: NodeJS.Timeout;
  private readonly keepalive: NodeJS.Timeout;
  private closing = false;

  constructor({ docs, storage, admission, notes, minutes, log }: YjsUpgradeDeps, tuning: CollabTuning = {}) {
    this.docs = docs;
    this.storage = storage;
    this.admission = admission;
    this.notes = notes;
    this.minutes = minutes;
    this.log = log;
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
        ws.close(YJS_CLOSE.goingAway, YJS_CLOSE_REASON.storageUnavailable);
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
    // Frames alone do not bound the cost: 150 frames of ~1.9 MiB passed the frame rate in
    // 10 s (#11). Over the byte budget, any frame closes the connection: what it carried
    // comes back with the reconnection's sync once the budget has refilled.
    const bytes = new ByteBudget(YJS_BYTE_RATE.burst, YJS_BYTE_RATE.perSecond, Date.now());
    // Over the rate, a frame is not handled. An awareness frame (a caret) is superseded by
    // the next one: dropped, unless the connection floods. Any other frame closes the
    // connection at once: a dropped update would leave the server without an edit the
    // client thinks it sent. Closed, the client reconnects (y-websocket backs off) and the
    // sync handshake sends the server what it lacks.
    const overRate = (frame: Uint8Array): boolean => {
      // Closed by the server (refused, over a limit): what the client had already sent is
      // dropped unread, or a flood queued in the socket would still be decoded frame by frame.
      if (ws.readyState !== ws.OPEN) return true;
      const now = Date.now();
      if (!bytes.take(frame.byteLength, now)) {
        closeRefusing(ws, YJS_CLOSE.rateLimited, YJS_CLOSE_REASON.rateLimited);
        return true;
      }
      if (bucket.take(now)) return false;
      const caret = frame[0] === MESSAGE_AWARENESS;
      if (!caret || bucket.flooding) closeRefusing(ws, YJS_CLOSE.rateLimited, YJS_CLOSE_REASON.rateLimited);
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
      ws.close(YJS_CLOSE.goingAway, YJS_CLOSE_REASON.shuttingDown);
      return;
    }
    const claims = (await this.admission.admit(token))?.claims;
    if (!claims) {
      ws.close(YJS_CLOSE.unauthorized, YJS_CLOSE_REASON.unauthorized);
      return;
    }
    const owner = await this.sessionOf(docName);
    if (!owner) {
      ws.close(YJS_CLOSE.notFound, YJS_CLOSE_REASON.noSuchDocument);
      return;
    }
    if (owner !== claims.sessionId) {
      // api-v1: a token of another session is refused like a forged one.
      ws.close(YJS_CLOSE.unauthorized, YJS_CLOSE_REASON.unauthorized);
      return;
    }
    // Tracked before the document loads: a removal meanwhile closes it, and the check
    // after loading sees it closed.
    this.track(ws, claims.sessionId, claims.participantId);

    let room: DocRoom;
    const notes = parseIntervisionNotesDocName(docName);
    const minutesOf = parseMinutesDocName(docName);
    // Asked on every frame, so naming or changing the minute-taker applies at once.
    const canPost: CanPost | undefined = notes
      ? (conn) => this.notes.canPost(notes.sessionId, conn.participantId, conn.role)
      : minutesOf
        ? (conn) => this.minutes.canPost(minutesOf, conn.participantId, conn.role)
        : undefined;
    try {
      if (minutesOf) await this.minutes.prepare(owner);
      if (notes) {
        await this.notes.prepare(owner);
        if (this.notes.isErased(owner)) {
          ws.close(YJS_CLOSE.notFound, YJS_CLOSE_REASON.erased);
          return;
        }
      }
      room = await this.docs.open(docName, owner, canPost);
    } catch (err) {
      this.log.error({ err, docName }, 'loading document failed');
      ws.close(YJS_CLOSE.goingAway, YJS_CLOSE_REASON.documentUnavailable);
      return;
    }
    if (ws.readyState !== ws.OPEN) return this.docs.leave(docName, room);
    if (notes && this.notes.isErased(owner)) {
      // Erased while it loaded: the client would upload the notes again.
      this.docs.leave(docName, room);
      ws.close(YJS_CLOSE.notFound, YJS_CLOSE_REASON.erased);
      return;
    }

    const conn: CollabConnection = {
      participantId: claims.participantId,
      name: claims.name,
      role: claims.role,
      canEdit: can(claims.role, 'editDrafts'),
      canShareAwareness: can(claims.role, 'broadcastAwareness'),
      send: (data) => {
        if (ws.readyState !== ws.OPEN) return;
        if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
          ws.close(YJS_CLOSE.tooSlow, YJS_CLOSE_REASON.tooSlow);
          return;
        }
        ws.send(data);
      },
      close: (code, reason) => closeRefusing(ws, code, reason),
    };
    this.docs.join(docName, room, conn);
    this.alive.add(ws);
    ws.off('message', onEarly);
    ws.on('message', (data) => {
      const frame = toUint8(data);
      if (!overRate(frame)) room.receive(conn, frame);
    });
    ws.on('pong', () => this.alive.add(ws));
    ws.on('close', () => this.docs.leave(docName, room, conn));
    for (const data of early) if (ws.readyState === ws.OPEN) room.receive(conn, data);
  }

  private track(ws: WebSocket, sessionId: string, participantId: string): void {
    const conns = this.bySession.get(sessionId) ?? new Map<WebSocket, string>();
    this.bySession.set(sessionId, conns);
    conns.set(ws, participantId);
    ws.on('close', () => {
      conns.delete(ws);
      if (conns.size === 0 && this.bySession.get(sessionId) === conns) this.bySession.delete(sessionId);
    });
  }

  /**
   * Closes with 4401 the connections here of removed people (api-v1.1), or of everyone in
   * the session when `participantIds` is undefined (deleted). Their next try is refused
   * by the token check, which looks the person up.
   */
  revoke(sessionId: string, participantIds?: readonly string[]): void {
    const conns = this.bySession.get(sessionId);
    if (!conns) return;
    const ids = participantIds && new Set(participantIds);
    for (const [ws, participantId] of conns) {
      if (!ids || ids.has(participantId)) ws.close(YJS_CLOSE.unauthorized, YJS_CLOSE_REASON.removed);
    }
  }

  /** The session a document belongs to: a recommendation's, or the one named in a notes doc. */
  private async sessionOf(docName: string): Promise<string | undefined> {
    if (!DOC_NAME.test(docName)) return undefined;
    const notes = parseIntervisionNotesDocName(docName);
    if (notes) return (await this.storage.sessions.getSession(notes.sessionId))?.id;
    const minutesOf = parseMinutesDocName(docName);
    if (minutesOf) return (await this.storage.sessions.getSession(minutesOf))?.id;
    return (await this.storage.recommendations.findRecommendation(docName))?.sessionId;
  }

  /** Stops accepting, flushes every document and closes every connection. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.pinger);
    clearInterval(this.keepalive);
    await this.docs.close(YJS_CLOSE.goingAway, YJS_CLOSE_REASON.shuttingDown);
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

/**
 * After the server's close frame for a refusal, nothing more is read and the connection is cut
 * off this long after: a flood queued in the socket would otherwise still be received (and
 * unmasked) in full before the close handshake ends. The client still gets the close code.
 */
export const CLOSE_GRACE_MS = 1_000;

/**
 * Closes that answer a volume of data (too much, too fast). A malformed frame is one frame:
 * its connection closes with the usual handshake (what follows it is dropped unread anyway).
 */
const FLOOD_CLOSES: ReadonlySet<number> = new Set([
  YJS_CLOSE.rateLimited,
  YJS_CLOSE.documentTooLarge,
  YJS_CLOSE.messageTooLarge,
  YJS_CLOSE.awarenessTooLarge,
]);

function closeRefusing(ws: WebSocket, code: number, reason: string): void {
  if (ws.readyState !== ws.OPEN) return;
  ws.close(code, reason);
  // Read nothing more after refusing a volume of data: a flood queued in the socket stays in
  // the kernel until the cut-off. Other closes (malformed, erased, removed, shutting down) end
  // with the usual handshake, so the client learns of them at once.
  if (FLOOD_CLOSES.has(code)) ws.pause();
  setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
}

function toUint8(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
