import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from 'pino';
import {
  MAX_AWARENESS_STATE_BYTES,
  MAX_DRAFT_BYTES,
  YJS_CLOSE,
  YJS_CLOSE_REASON,
  type Role,
} from '@roundtable/protocol';
import {
  decodeMessage,
  encodeAwareness,
  encodeAwarenessStates,
  encodeSyncStep1,
  encodeSyncStep2,
  largestAwarenessState,
  MalformedMessage,
  type InboundMessage,
} from './yMessages.js';
import type { SlicedOutcome } from './SlicedApply.js';
import { SliceQueue } from './SliceQueue.js';
import { UpdateFanOut } from './UpdateFanOut.js';
import { MalformedUpdate, SLICE_MIN_BYTES } from './updateSlices.js';

/**
 * What a room needs of a connection; no websocket type leaks in, so a room
 * can be driven from a unit test.
 */
export interface CollabConnection {
  readonly participantId: string;
  /** Display name, for the alignment stamps of a multilingual draft (AlignmentTracker). */
  readonly name?: string;
  readonly role: Role;
  /** Whether this connection's role edits drafts (observers: no). */
  readonly canEdit: boolean;
  /** Whether this connection's awareness (cursor, name) is relayed. */
  readonly canShareAwareness: boolean;
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** Transaction origin of updates reloaded from storage (a resync). */
export const STORAGE_ORIGIN = Symbol('storage');
/** Transaction origin of updates and awareness from other server instances. */
export const BUS_ORIGIN = Symbol('bus');

/** A state vector of no client: `writeVarUint(0)`, what a client with an empty document sends. */
const isEmptyStateVector = (sv: Uint8Array) => sv.length === 1 && sv[0] === 0;

/**
 * A room measures its document (one `Y.encodeStateAsUpdate`, ~70 ms for 1 MiB of one-letter
 * edits) at most this often. In between, an update that would take the upper bound of its
 * size past MAX_DRAFT_BYTES is refused: only a document that was within one update of the
 * limit less than this long ago can be refused while it would have fitted.
 */
export const DRAFT_MEASURE_INTERVAL_MS = 1_000;

/**
 * A room keeps the updates it was loaded from and applied since, to send a fresh joiner, up
 * to this many bytes; past it, joiners get the document encoded whole again.
 */
export const MAX_JOIN_LOG_BYTES = 2 * MAX_DRAFT_BYTES;
/** ... and this many updates (each becomes a frame to a fresh joiner). */
export const MAX_JOIN_LOG_UPDATES = 500;

/** The stored updates a document was loaded from, merged in groups, and their bytes. */
export interface LoadedUpdates {
  groups: readonly Uint8Array[];
  bytes: number;
}

/** Origin of the removal of a leaving connection's awareness states. */
const LEAVE_ORIGIN = Symbol('leave');

/** Where a room hands what changes in it. */
export interface RoomSink {
  /** Every new update, to be stored (updates from other instances too: see DocRegistry). */
  persist(update: Uint8Array): void;
  /** Updates and awareness made by this instance's clients, for the other instances. */
  publishUpdate(update: Uint8Array): void;
  publishAwareness(update: Uint8Array): void;
}

/**
 * One live Yjs document and everyone connected to it. It applies editors'
 * updates, ignores observers', relays every change to every connection and
 * hands each applied update to persistence.
 */
export class DocRoom {
  readonly awareness: awarenessProtocol.Awareness;
  /** Awareness client ids each connection controls, removed when it leaves. */
  private readonly conns = new Map<CollabConnection, Set<number>>();
  private isFrozen = false;
  /**
   * Editors' connections whose update was not applied (frozen draft, intervision phase).
   * Their client believes it was sent; every later update of theirs would wait on it,
   * invisible. They are asked for what the server lacks as soon as it may apply it.
   */
  private readonly missedUpdates = new Set<CollabConnection>();
  /** Connections whose handshake step 1 is done: any later step 1 of theirs is a probe. */
  private readonly handshaken = new WeakSet<CollabConnection>();
  /**
   * An upper bound of the encoded size of the document: its size when last measured (at
   * load, the stored bytes) plus every update applied since. An update adds at most about
   * its own bytes to the state, so this is cheap to keep and only measured near the limit.
   */
  private sizeBound: number;
  private lastMeasured = Number.NEGATIVE_INFINITY;
  /** Connections whose big update is being applied in slices, and their frames waiting. */
  private readonly slices = new SliceQueue<CollabConnection>();
  /** Relays applied updates to every connection, merged and paced. */
  private readonly fanOut = new UpdateFanOut<CollabConnection>(() => this.conns.keys());

  constructor(
    readonly name: string,
    readonly sessionId: string,
    readonly doc: Y.Doc,
    private readonly sink: RoomSink,
    private readonly log: Logger,
    /**
     * Whether an update from this connection is applied now. Defaults to: the role
     * edits and the draft is not frozen. Intervision notes pass their phase rules.
     */
    private readonly mayApply: (conn: CollabConnection, room: DocRoom) => boolean = (conn, room) =>
      conn.canEdit && !room.frozen,
    /** What the document was loaded from (DocPersistence.load). */
    loaded: LoadedUpdates = { groups: [], bytes: 0 },
  ) {
    this.sizeBound = loaded.bytes;
    this.joinLog = loaded.groups.length > 1 ? [...loaded.groups] : undefined;
    this.logBytes = loaded.bytes;
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server has no cursor of its own.
    this.awareness.setLocalState(null);
    doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  get size(): number {
    return this.conns.size;
  }

  /**
   * A frozen draft (under vote, or decided) applies no update from anyone; its
   * connections stay open and keep receiving, like observers. Thawed, it asks the
   * editors whose updates it dropped meanwhile to send them again.
   */
  get frozen(): boolean {
    return this.isFrozen;
  }

  set frozen(frozen: boolean) {
    const thawed = this.isFrozen && !frozen;
    this.isFrozen = frozen;
    if (thawed) for (const conn of [...this.missedUpdates]) this.askForMissed(conn);
  }

  /** Starts the sync: the server's state vector, then everyone's awareness. */
  add(conn: CollabConnection): void {
    this.conns.set(conn, new Set());
    conn.send(encodeSyncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) conn.send(encodeAwarenessStates(this.awareness, states));
  }

  remove(conn: CollabConnection): void {
    const controlled = this.conns.get(conn);
    if (!controlled) return;
    this.conns.delete(conn);
    this.missedUpdates.delete(conn);
    this.slices.cancel(conn);
    if (controlled.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], LEAVE_ORIGIN);
  }

  /** Handles one inbound frame; a frame that does not decode or apply closes that connection only. */
  receive(conn: CollabConnection, data: Uint8Array): void {
    if (this.slices.hold(conn, data)) return;
    let message: InboundMessage | undefined;
    try {
      message = decodeMessage(data);
      switch (message.type) {
        case 'syncStep1':
          if (!isEmptyStateVector(message.stateVector)) conn.send(this.diffFrame(message.stateVector));
          else if (this.wholeDoc === undefined && this.joinLog) {
            // Encoding a large document whole is one long synchronous step (~65 ms for 1 MiB
            // of one-letter edits); the updates it was built from say the same, frame by frame.
            for (const update of this.joinLog) conn.send(encodeSyncStep2(update));
          } else conn.send(this.wholeDocFrame());
          // A step 1 after the handshake's is a probe (docs/protocol.md, "Heartbeat"): the
          // server's state vector follows its answer, so the client learns which of the
          // changes it sent before the probe the server holds, frozen drafts' refusals
          // included. Not after the handshake's: a stock client answers each step 1 with a
          // step 2, and would upload its offline edits twice.
          if (this.handshaken.has(conn)) conn.send(encodeSyncStep1(this.doc));
          else this.handshaken.add(conn);
          return;
        case 'update':
          // api-v1: an observer's update is neither applied nor relayed, and the
          // connection stays open so a stale local change does not cut them off.
          if (this.mayApply(conn, this)) {
            if (!this.fits(message.update)) {
              // Refused whole, before anything of it is applied or stored: what the room holds
              // stays as it was. The connection is closed for good (see YJS_CLOSE).
              this.log.warn(
                { doc: this.name, bytes: message.update.length },
                'closing Yjs connection: document too large',
              );
              conn.close(YJS_CLOSE.documentTooLarge, YJS_CLOSE_REASON.documentTooLarge);
              return;
            }
            // One synchronous apply of 1 MiB of small structs stalls every session for seconds (#11).
            if (message.update.length >= SLICE_MIN_BYTES) this.applyInSlices(conn, message.update);
            else {
              Y.applyUpdate(this.doc, message.update, conn);
              if (this.missedUpdates.has(conn)) this.askForMissed(conn);
            }
          } else if (conn.canEdit) {
            this.missedUpdates.add(conn);
          }
          return;
        case 'awareness':
          if (!conn.canShareAwareness) return;
          // Every joiner receives every state, so one oversized caret would cost each of them.
          if (largestAwarenessState(message.update) > MAX_AWARENESS_STATE_BYTES) {
            this.log.warn({ doc: this.name }, 'closing Yjs connection: awareness state too large');
            conn.close(YJS_CLOSE.awarenessTooLarge, YJS_CLOSE_REASON.awarenessTooLarge);
            return;
          }
          awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, conn);
          return;
        case 'queryAwareness':
          conn.send(encodeAwarenessStates(this.awareness, [...this.awareness.getStates().keys()]));
          return;
      }
    } catch (err) {
      this.refuse(conn, err, message?.type);
    }
  }

  private refuse(conn: CollabConnection, err: unknown, type: InboundMessage['type'] | undefined): void {
    const malformed = err instanceof MalformedMessage || err instanceof MalformedUpdate;
    const reason = malformed ? 'malformed message' : 'update could not be applied';
    this.log.warn({ err, doc: this.name, type }, `closing Yjs connection: ${reason}`);
    conn.close(YJS_CLOSE.malformedMessage, reason);
  }

  /**
   * Applies a big update slice by slice, one per turn of the event loop, while the
   * connection's next frames wait. Stopped by the draft freezing (the rest is asked for again
   * on thaw, like any refused update) or by the connection leaving (its client resends).
   */
  private applyInSlices(conn: CollabConnection, update: Uint8Array): void {
    const done = (outcome: SlicedOutcome, waiting: readonly Uint8Array[]) => {
      if (!this.conns.has(conn)) return;
      if (outcome.kind === 'failed') return this.refuse(conn, outcome.error, 'update');
      if (outcome.kind === 'stopped') {
        if (conn.canEdit) this.missedUpdates.add(conn);
      } else if (this.missedUpdates.has(conn)) this.askForMissed(conn);
      for (const frame of waiting) this.receive(conn, frame);
    };
    this.slices.start(this.doc, update, conn, {
      mayContinue: () => this.conns.has(conn) && this.mayApply(conn, this),
      done,
    });
  }

  /**
   * Whether the document stays within MAX_DRAFT_BYTES once `update` is applied. Measured only
   * when the bound says it may not, and at most every DRAFT_MEASURE_INTERVAL_MS.
   */
  private fits(update: Uint8Array): boolean {
    if (this.sizeBound + update.length <= MAX_DRAFT_BYTES) return true;
    const now = performance.now();
    if (now - this.lastMeasured < DRAFT_MEASURE_INTERVAL_MS) return false;
    this.lastMeasured = now;
    const state = Y.encodeStateAsUpdate(this.doc);
    this.sizeBound = state.length;
    // The measure is the whole document: the next fresh join gets it without encoding again.
    this.wholeDoc = encodeSyncStep2(state);
    return this.sizeBound + update.length <= MAX_DRAFT_BYTES;
  }

  /**
   * Sends the server's state vector (sync step 1): a y-websocket client answers with
   * a sync step 2 holding every update the server lacks, applied like any update.
   */
  private askForMissed(conn: CollabConnection): void {
    this.missedUpdates.delete(conn);
    conn.send(encodeSyncStep1(this.doc));
  }

  /**
   * The whole document as a sync step 2 frame, for clients that have nothing yet (every
   * fresh join): encoded once per change of the document, not once per join.
   */
  private wholeDocFrame(): Uint8Array {
    this.wholeDoc ??= encodeSyncStep2(Y.encodeStateAsUpdate(this.doc));
    return this.wholeDoc;
  }

  private diffFrame(stateVector: Uint8Array): Uint8Array {
    return encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector));
  }

  /** Closes every connection (shutdown). */
  closeAll(code: number, reason: string): void {
    for (const conn of [...this.conns.keys()]) conn.close(code, reason);
  }

  destroy(): void {
    this.slices.cancelAll();
    this.fanOut.close();
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** Applies an update from another instance or from storage; relayed to local clients only. */
  applyExternal(update: Uint8Array, origin: typeof BUS_ORIGIN | typeof STORAGE_ORIGIN): void {
    Y.applyUpdate(this.doc, update, origin);
  }

  applyExternalAwareness(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, BUS_ORIGIN);
  }

  /** wholeDocFrame()'s cache, dropped by every change. */
  private wholeDoc: Uint8Array | undefined;
  /**
   * The updates the document was loaded from and every update applied since, in order: a
   * fresh joiner gets them instead of the document encoded whole. Dropped (undefined) once
   * past MAX_JOIN_LOG_BYTES or MAX_JOIN_LOG_UPDATES.
   */
  private joinLog: Uint8Array[] | undefined;
  private logBytes = 0;

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown) => {
    this.wholeDoc = undefined;
    this.sizeBound += update.length;
    if (this.joinLog) {
      this.joinLog.push(update);
      this.logBytes += update.length;
      if (this.logBytes > MAX_JOIN_LOG_BYTES || this.joinLog.length > MAX_JOIN_LOG_UPDATES) this.joinLog = undefined;
    }
    if (origin !== STORAGE_ORIGIN) this.sink.persist(update);
    if (origin !== STORAGE_ORIGIN && origin !== BUS_ORIGIN) this.sink.publishUpdate(update);
    this.fanOut.push(update, origin);
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const changed = [...added, ...updated, ...removed];
    const controlled = this.conns.get(origin as CollabConnection);
    if (controlled) {
      for (const id of added) controlled.add(id);
      for (const id of removed) controlled.delete(id);
    }
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    // Our clients' changes and departures go to the other instances; timeouts each
    // instance applies by itself, and what came from the bus is already everywhere.
    if (controlled || origin === LEAVE_ORIGIN) this.sink.publishAwareness(update);
    const frame = encodeAwareness(update);
    for (const conn of this.conns.keys()) conn.send(frame);
  };
}
