import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { MESSAGE_SYNC, SYNC_STEP1_EMPTY, SYNC_STEP2, SYNC_UPDATE, now, syncType } from './yFrames.js';

/** A closed client is terminated if the server has not answered its close frame by then. */
const CLOSE_GRACE_MS = 2_000;

/** Called for every document update frame a client receives, before anything else. */
export type UpdateFrameListener = (frame: Uint8Array, receivedAt: number) => void;

/** What every bench client has: a socket that is synced once the server's step 2 arrives. */
abstract class BenchClient {
  readonly ws: WebSocket;
  /** Resolves at the first sync step 2; rejects if the socket closes or fails first. */
  readonly synced: Promise<void>;
  /** When the connection was started, and when sync step 2 arrived (absolute ms). */
  readonly startedAt = now();
  syncedAt = NaN;
  /** When the first sync step 2 frame arrived, before the client applied it (absolute ms). */
  step2ArrivedAt = NaN;
  /** Close code when the server closed the socket (4401 and such), else undefined. */
  closeCode: number | undefined;
  private markSynced!: () => void;

  constructor(url: string) {
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    this.synced = new Promise<void>((resolve, reject) => {
      this.markSynced = () => {
        if (Number.isNaN(this.syncedAt)) this.syncedAt = now();
        resolve();
      };
      this.ws.once('error', reject);
      this.ws.once('close', (code, reason) => {
        this.closeCode = code;
        reject(new Error(`closed before sync: ${code} ${reason.toString()}`));
      });
    });
    // A rejection nobody awaits yet must not crash the process; callers await `synced`.
    this.synced.catch(() => undefined);
    this.ws.on('open', () => this.onOpen());
    this.ws.on('message', (data: Buffer) => this.onFrame(data));
  }

  protected abstract onOpen(): void;
  protected abstract onFrame(frame: Buffer): void;

  protected gotStep2(): void {
    this.markSynced();
  }

  /** Closes politely, then terminates if the server does not answer. */
  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.ws.terminate();
        resolve();
      }, CLOSE_GRACE_MS);
      this.ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
      else this.ws.close();
    });
  }
}

/**
 * A receiver without a Y.Doc: asks for the whole document, then only looks at
 * update frames (for markers) and answers nothing.
 */
export class LightReceiver extends BenchClient {
  constructor(
    url: string,
    private readonly onUpdate: UpdateFrameListener,
  ) {
    super(url);
  }

  protected onOpen(): void {
    this.ws.send(SYNC_STEP1_EMPTY);
  }

  protected onFrame(frame: Buffer): void {
    const type = syncType(frame);
    if (type === SYNC_UPDATE) this.onUpdate(frame, now());
    else if (type === SYNC_STEP2) this.gotStep2();
  }
}

/**
 * A full client with its own Y.Doc, speaking the y-websocket sync protocol as the
 * stock provider does (without awareness): writers and convergence checkers.
 */
export class DocClient extends BenchClient {
  readonly doc: Y.Doc;

  constructor(
    url: string,
    private readonly onUpdate?: UpdateFrameListener,
    doc = new Y.Doc(),
  ) {
    super(url);
    this.doc = doc;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this && this.ws.readyState === WebSocket.OPEN) this.ws.send(encodeUpdateFrame(update));
    });
  }

  protected onOpen(): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.ws.send(encoding.toUint8Array(encoder));
  }

  protected onFrame(frame: Buffer): void {
    const type = syncType(frame);
    if (type < 0) return; // awareness and keep-alives
    if (type === SYNC_UPDATE) this.onUpdate?.(frame, now());
    if (type === SYNC_STEP2 && Number.isNaN(this.step2ArrivedAt)) this.step2ArrivedAt = now();
    const decoder = decoding.createDecoder(frame);
    decoding.readVarUint(decoder);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    const handled = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
    if (encoding.length(encoder) > 1) this.ws.send(encoding.toUint8Array(encoder));
    if (handled === SYNC_STEP2) this.gotStep2();
  }
}

/** A sync update frame carrying a Yjs update. */
export function encodeUpdateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * Runs `task` over `items` with at most `concurrency` in flight; the first failure
 * stops handing out new items and is rethrown.
 */
export async function inPool<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed: unknown;
  const worker = async () => {
    while (failed === undefined && next < items.length) {
      const i = next++;
      try {
        await task(items[i]!, i);
      } catch (err) {
        failed ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (failed !== undefined) throw failed;
}

/** Resolves when `check()` holds, polling; false when `timeoutMs` passes first. */
export async function waitUntil(check: () => boolean, timeoutMs: number, pollMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  return true;
}
