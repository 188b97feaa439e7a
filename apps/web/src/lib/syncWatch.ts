import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { messageSync, type WebsocketProvider } from 'y-websocket';
import { YJS_SILENCE_MS } from '@roundtable/protocol/client';

/** Time to gather a burst of typing into one probe. */
const PROBE_DELAY_MS = 500;
/** Between probes the server answered without holding everything (a frozen draft, a phase rule). */
const PROBE_RETRY_MS = 2_000;
/** How often the link is checked for silence. */
const WATCH_INTERVAL_MS = 1_000;
/**
 * A websocket still opening after this long is given up and opened again: on a dead path the
 * browser may wait minutes for an answer that will never come, and a later fresh attempt is
 * what gets through once the path is back. Roomy for a 400 ms link.
 */
const CONNECT_TIMEOUT_MS = 8_000;

/** One probe in flight: a sync step 1 sent after `seq` local changes, with the state vector then. */
interface Probe {
  seq: number;
  stateVector: Map<number, number>;
  sentAt: number;
}

export interface SyncWatchOptions {
  /**
   * Observers, frozen drafts, a listening case bringer: this browser's copy sends nothing of
   * the document, not even the step 2 a stock client answers to the server's step 1 (it would
   * upload whatever the local copy holds that the server lacks).
   */
  readOnly: boolean;
  /** Called whenever `pending` or the link may have changed. */
  onChange: () => void;
}

/**
 * What the server has confirmed of this browser's changes to one document, and a watchdog on
 * the link (docs/protocol.md, "Heartbeat"). Local changes are counted; after a change, a
 * **probe** (a sync step 1) goes to the server, which answers it in order with a step 2 and
 * then its own state vector. The changes made before the probe are confirmed when that state
 * vector covers the one this document had when the probe left: held by the server, not merely
 * sent on a socket that looked open. A synced socket that hears nothing, not even the server's
 * keep-alive, for `YJS_SILENCE_MS`, or leaves a probe unanswered that long, is closed and
 * opened again.
 */
export class SyncWatch {
  /** Local changes so far (this person's edits, and what the browser's store brought back). */
  private made = 0;
  /** How many of them the server confirmed. */
  private confirmed = 0;
  /** When the oldest unconfirmed change was made. */
  private pendingSince: number | null = null;
  private readonly watch: ReturnType<typeof setInterval>;
  private probeTimer: ReturnType<typeof setTimeout> | undefined;

  // About one socket (`socket`); reset when y-websocket opens another.
  private socket: WebSocket | null = null;
  private openingSince = 0;
  /** The server's handshake step 1 came: probes sent from now on follow this side's answer to it. */
  private handshaken = false;
  /** The step 2 answering the handshake's own step 1 came: later step 2s answer probes. */
  private handshakeAnswered = false;
  private readonly probes: Probe[] = [];
  /** A probe whose step 2 came; the server's state vector follows at once. */
  private answered: Probe | null = null;

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly options: SyncWatchOptions,
  ) {
    const stock = provider.messageHandlers[messageSync]!;
    provider.messageHandlers[messageSync] = (encoder, decoder, p, emitSynced, messageType) => {
      const peek = decoding.clone(decoder);
      const syncType = decoding.readVarUint(peek);
      const payload = decoding.readVarUint8Array(peek);
      if (options.readOnly) this.applyReadOnly(syncType, payload, emitSynced);
      else stock(encoder, decoder, p, emitSynced, messageType);
      this.observe(syncType, payload);
    };
    if (options.readOnly) provider.doc.off('update', provider._updateHandler);
    provider.doc.on('update', this.onUpdate);
    this.watch = setInterval(this.check, WATCH_INTERVAL_MS);
  }

  /** Local changes the server has not confirmed holding. */
  get pending(): number {
    return this.made - this.confirmed;
  }

  /** How long the oldest of them has waited (0 without any). */
  pendingFor(now = Date.now()): number {
    return this.pendingSince === null ? 0 : now - this.pendingSince;
  }

  destroy(): void {
    clearInterval(this.watch);
    clearTimeout(this.probeTimer);
    this.provider.doc.off('update', this.onUpdate);
  }

  private readonly onUpdate = (_update: Uint8Array, origin: unknown) => {
    // What the provider applied came from the server; the rest is this browser's.
    if (origin === this.provider || this.options.readOnly) return;
    this.made++;
    this.pendingSince ??= Date.now();
    this.scheduleProbe(PROBE_DELAY_MS);
    this.options.onChange();
  };

  /** The stock sync handler without any answer: applies what the server sends, uploads nothing. */
  private applyReadOnly(syncType: number, payload: Uint8Array, emitSynced: boolean): void {
    if (syncType === syncProtocol.messageYjsSyncStep1) return;
    Y.applyUpdate(this.provider.doc, payload, this.provider);
    if (emitSynced && syncType === syncProtocol.messageYjsSyncStep2 && !this.provider.synced)
      this.provider.synced = true;
  }

  /** Follows the sync messages of the current socket. */
  private observe(syncType: number, payload: Uint8Array): void {
    this.follow(this.provider.ws);
    if (syncType === syncProtocol.messageYjsSyncStep2) {
      if (!this.handshakeAnswered) this.handshakeAnswered = true;
      else this.answered = this.probes.shift() ?? null;
    } else if (syncType === syncProtocol.messageYjsSyncStep1) {
      if (this.answered) this.acknowledge(this.answered, Y.decodeStateVector(payload));
      else if (!this.handshaken) {
        this.handshaken = true;
        // Edits made offline go in the stock answer to this step 1, sent once this handler returns.
        if (this.pending > 0) this.scheduleProbe(0);
      }
      this.answered = null;
    }
  }

  private acknowledge(probe: Probe, server: Map<number, number>): void {
    const held = [...probe.stateVector].every(([client, clock]) => (server.get(client) ?? 0) >= clock);
    if (held && probe.seq > this.confirmed) {
      this.confirmed = probe.seq;
      this.pendingSince = this.pending > 0 ? Date.now() : null;
      this.options.onChange();
    }
    if (this.pending > 0) this.scheduleProbe(held ? PROBE_DELAY_MS : PROBE_RETRY_MS);
  }

  /** Starts afresh when y-websocket has opened another socket. */
  private follow(ws: WebSocket | null): void {
    if (ws === this.socket) return;
    this.socket = ws;
    this.openingSince = Date.now();
    this.handshaken = false;
    this.handshakeAnswered = false;
    this.probes.length = 0;
    this.answered = null;
  }

  private scheduleProbe(delay: number): void {
    if (this.probeTimer !== undefined) return;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = undefined;
      this.sendProbe();
    }, delay);
  }

  private sendProbe(): void {
    const ws = this.provider.ws;
    if (this.pending === 0 || this.probes.length > 0) return;
    if (!ws || ws !== this.socket || !this.handshaken || ws.readyState !== WebSocket.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    syncProtocol.writeSyncStep1(encoder, this.provider.doc);
    this.probes.push({
      seq: this.made,
      stateVector: Y.decodeStateVector(Y.encodeStateVector(this.provider.doc)),
      sentAt: Date.now(),
    });
    ws.send(encoding.toUint8Array(encoder));
  }

  /** The watchdog: a silent or stuck socket is closed and opened again at once. */
  private readonly check = () => {
    const { provider } = this;
    this.follow(provider.ws);
    const now = Date.now();
    const silent = provider.wsconnected && provider.synced && now - provider.wsLastMessageReceived > YJS_SILENCE_MS;
    const unanswered = provider.wsconnected && this.probes.length > 0 && now - this.probes[0]!.sentAt > YJS_SILENCE_MS;
    const stuck = provider.wsconnecting && now - this.openingSince > CONNECT_TIMEOUT_MS;
    if (silent || unanswered || stuck) {
      provider.disconnect();
      provider.connect();
    }
    // Probes wait for a handshake; the shown state follows the age of pending changes.
    if (this.pending > 0) this.scheduleProbe(PROBE_DELAY_MS);
    this.options.onChange();
  };
}
