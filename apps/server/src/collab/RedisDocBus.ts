import type { createClient } from 'redis';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { DocBus, DocBusHandlers } from './DocBus.js';
import { mergeQueued } from './DocPersistence.js';
import { docEventsChannel, docUpdatesStream } from './docBusKeys.js';

type RedisClient = ReturnType<typeof createClient>;

/**
 * Stream entries older than this are trimmed. Updates reach storage within
 * milliseconds (DocPersistence), so a minute is ample for an instance that
 * lost Redis briefly to catch up from the stream; one that missed more resyncs
 * from storage.
 */
export const STREAM_RETENTION_MS = 60_000;
/** How long one XREAD waits; bounds how soon a newly attached document is read. */
const READ_BLOCK_MS = 250;
const READ_COUNT = 1_000;
/** Pause before retrying after Redis failed, so a dead Redis is not hammered. */
const RETRY_DELAY_MS = 500;
/**
 * Once this many updates wait to be published (Redis slow or away), each document's are
 * merged into a few (mergeQueued): memory stays with the text typed, not one entry per
 * keystroke, and Redis gets a few entries when it is back instead of one round trip each.
 */
export const OUTBOX_MERGE_AT = 256;

/** Pub/sub messages between instances; parsed, since another instance may run another version. */
const DocEvent = z.discriminatedUnion('t', [
  z.object({ t: z.literal('a'), i: z.string(), d: z.string() }),
  z.object({ t: z.literal('f'), i: z.string(), v: z.boolean() }),
  z.object({ t: z.literal('x'), i: z.string() }),
]);

interface Attached {
  handlers: DocBusHandlers;
  /** Last stream id read; '0-0' replays what the stream still holds. */
  lastId: string;
  channelListener: (message: string) => void;
}

const b64 = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('base64');
const unb64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

/**
 * Fan-out through Redis, as y-redis does: each document's updates go into a Redis
 * stream, so an instance that loses Redis for a while catches up from where it
 * was instead of diverging; awareness and freezes are ephemeral and go through
 * pub/sub. Publishing keeps order and retries while Redis is away.
 */
export class RedisDocBus implements DocBus {
  private readonly attached = new Map<string, Attached>();
  private outbox: { docName: string; update: Uint8Array }[] = [];
  /** Outbox length at which it is merged next: twice what a merge left, so many documents do not merge at every update. */
  private mergeAt = OUTBOX_MERGE_AT;
  private flushing = false;
  private closed = false;
  private readonly loop: Promise<void>;
  private wake: (() => void) | undefined;

  constructor(
    private readonly client: RedisClient,
    /** A connection of its own for blocking reads. */
    private readonly reader: RedisClient,
    /** A connection of its own for subscriptions. */
    private readonly subscriber: RedisClient,
    private readonly prefix: string,
    private readonly instanceId: string,
    private readonly log: Logger,
  ) {
    this.loop = this.readLoop();
  }

  async attach(docName: string, handlers: DocBusHandlers): Promise<void> {
    const entry: Attached = {
      handlers,
      lastId: '0-0',
      channelListener: (message) => this.onEvent(docName, entry, message),
    };
    this.attached.set(docName, entry);
    await this.subscriber.subscribe(docEventsChannel(this.prefix, docName), entry.channelListener);
    this.wake?.();
  }

  async detach(docName: string): Promise<void> {
    const entry = this.attached.get(docName);
    if (!entry) return;
    this.attached.delete(docName);
    await this.subscriber
      .unsubscribe(docEventsChannel(this.prefix, docName), entry.channelListener)
      .catch((err: unknown) => this.log.debug({ err }, 'unsubscribe failed'));
  }

  publishUpdate(docName: string, update: Uint8Array): void {
    this.outbox.push({ docName, update });
    if (this.outbox.length >= this.mergeAt) this.mergeOutbox();
    void this.flushOutbox();
  }

  /**
   * Merges each document's queued updates into a few, in their order; documents have streams
   * of their own, so their entries need no order between them. The update being sent, if
   * any, stays as it is (the flush finds it by identity).
   */
  private mergeOutbox(): void {
    const inFlight = this.flushing ? this.outbox.slice(0, 1) : [];
    const byDoc = new Map<string, Uint8Array[]>();
    for (const { docName, update } of this.outbox.slice(inFlight.length)) {
      const updates = byDoc.get(docName);
      if (updates) updates.push(update);
      else byDoc.set(docName, [update]);
    }
    const merged = [...byDoc].flatMap(([docName, updates]) =>
      mergeQueued(updates).map((update) => ({ docName, update })),
    );
    this.outbox = [...inFlight, ...merged];
    this.mergeAt = Math.max(OUTBOX_MERGE_AT, 2 * this.outbox.length);
  }

  publishAwareness(docName: string, update: Uint8Array): void {
    this.publishEvent(docName, { t: 'a', i: this.instanceId, d: b64(update) });
  }

  publishFrozen(docName: string, frozen: boolean): void {
    this.publishEvent(docName, { t: 'f', i: this.instanceId, v: frozen });
  }

  async publishErased(docName: string): Promise<void> {
    // Drop queued updates of the document first: they must not recreate its stream.
    this.dropQueued(docName);
    await this.client.del(docUpdatesStream(this.prefix, docName));
    this.publishEvent(docName, { t: 'x', i: this.instanceId });
  }

  async ping(): Promise<boolean> {
    try {
      return this.client.isReady && (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    await this.flushOutbox();
    await this.loop;
  }

  private publishEvent(docName: string, event: z.infer<typeof DocEvent>): void {
    // Ephemeral by nature: an awareness update lost while Redis is away is renewed by
    // its client within 15 s; a lost freeze is re-read from storage on resync.
    this.client
      .publish(docEventsChannel(this.prefix, docName), JSON.stringify(event))
      .catch((err: unknown) => this.log.debug({ err }, 'publish failed'));
  }

  private onEvent(docName: string, entry: Attached, message: string): void {
    let event: z.infer<typeof DocEvent>;
    try {
      event = DocEvent.parse(JSON.parse(message));
    } catch {
      this.log.warn('ignoring a malformed document event from Redis');
      return;
    }
    if (event.i === this.instanceId) return;
    if (event.t === 'a') entry.handlers.awareness(unb64(event.d));
    else if (event.t === 'f') entry.handlers.frozen(event.v);
    else {
      // Updates of it still queued here would recreate the stream the eraser deleted.
      this.dropQueued(docName);
      entry.handlers.erased();
    }
  }

  private dropQueued(docName: string): void {
    for (let i = this.outbox.length - 1; i >= 0; i--) if (this.outbox[i]!.docName === docName) this.outbox.splice(i, 1);
  }

  /** Sends queued updates in order; on failure keeps them and tries again. */
  private async flushOutbox(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.outbox.length > 0) {
        const next = this.outbox[0]!;
        try {
          await this.client.xAdd(
            docUpdatesStream(this.prefix, next.docName),
            '*',
            { i: this.instanceId, d: b64(next.update) },
            { TRIM: { strategy: 'MINID', strategyModifier: '~', threshold: Date.now() - STREAM_RETENTION_MS } },
          );
          const done = this.outbox.indexOf(next);
          if (done >= 0) this.outbox.splice(done, 1);
          if (this.outbox.length === 0) this.mergeAt = OUTBOX_MERGE_AT;
        } catch (err) {
          if (this.closed) return;
          this.log.warn({ err, queued: this.outbox.length }, 'publishing a document update failed; retrying');
          await sleep(RETRY_DELAY_MS);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async readLoop(): Promise<void> {
    let failed = false;
    while (!this.closed) {
      if (this.attached.size === 0) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, READ_BLOCK_MS);
        });
        continue;
      }
      const docs = [...this.attached.entries()];
      try {
        const reply = await this.reader.xRead(
          docs.map(([docName, a]) => ({ key: docUpdatesStream(this.prefix, docName), id: a.lastId })),
          { BLOCK: READ_BLOCK_MS, COUNT: READ_COUNT },
        );
        if (failed) {
          failed = false;
          // Back after an outage: whatever the stream no longer holds is in storage.
          for (const [, a] of this.attached) a.handlers.resync();
        }
        const byStream = new Map(docs.map(([docName, a]) => [docUpdatesStream(this.prefix, docName), a]));
        type Reply = { name: string; messages: { id: string; message: Record<string, string> }[] }[];
        for (const stream of (reply ?? []) as Reply) {
          const entry = byStream.get(stream.name);
          for (const m of stream.messages) {
            if (!entry) break;
            entry.lastId = m.id;
            if (m.message.i === this.instanceId || typeof m.message.d !== 'string') continue;
            entry.handlers.update(unb64(m.message.d));
          }
        }
      } catch (err) {
        if (this.closed) break;
        if (!failed) this.log.warn({ err }, 'reading document streams failed; retrying');
        failed = true;
        await sleep(RETRY_DELAY_MS);
      }
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
