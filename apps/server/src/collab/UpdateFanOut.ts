import * as Y from 'yjs';
import { encodeUpdate } from './yMessages.js';

/** Above this share of the time spent broadcasting, a room rests between broadcasts. */
const MAX_BROADCAST_DUTY = 0.75;
/** Weight of the latest broadcast in the moving average of the duty cycle. */
const DUTY_SMOOTHING = 0.25;

/** What the fan-out needs of a connection. */
export interface FanOutTarget {
  send(data: Uint8Array): void;
}

/**
 * Relays the updates applied to a room to its connections, merged into one frame per
 * broadcast and paced so that broadcasting takes at most about half the time.
 */
export class UpdateFanOut<C extends FanOutTarget> {
  /** Updates applied since the last broadcast, each with the connection it came from. */
  private outbox: { update: Uint8Array; origin: unknown }[] = [];
  private flushScheduled = false;
  /** The pending broadcast (one of the two), dropped by close(). */
  private flushTimer: NodeJS.Timeout | undefined;
  private flushImmediate: NodeJS.Immediate | undefined;
  /** When the last broadcast started and ended, and how long it took (ms). */
  private lastFlushStart = 0;
  private lastFlushEnd = 0;
  private lastFlushCost = 0;
  /** Share of the time spent broadcasting, a moving average over the last broadcasts. */
  private broadcastDuty = 0;

  /** `connections` is read at each broadcast: who is in the room then gets it. */
  constructor(private readonly connections: () => Iterable<C>) {}

  /** An update applied to the room, from `origin` (a connection, or another instance or storage). */
  push(update: Uint8Array, origin: unknown): void {
    this.outbox.push({ update, origin });
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // A broadcast costs one socket write per connection (a syscall each, ~12 us on loopback).
    // While broadcasting takes more than half the time (thousands of readers, fast typing),
    // the room rests as long as the last broadcast took, and the updates arriving meanwhile
    // go out merged in one frame: the duty cycle stays at most half. Otherwise each update
    // goes out on the next turn of the event loop, as soon as it can.
    const rest =
      this.broadcastDuty > MAX_BROADCAST_DUTY ? this.lastFlushEnd + this.lastFlushCost - performance.now() : 0;
    if (rest > 0) this.flushTimer = setTimeout(this.flushOutbox, rest);
    else this.flushImmediate = setImmediate(this.flushOutbox);
  }

  /** The room is destroyed: the pending broadcast is dropped. */
  close(): void {
    clearTimeout(this.flushTimer);
    clearImmediate(this.flushImmediate);
    this.outbox = [];
  }

  private readonly flushOutbox = () => {
    this.flushScheduled = false;
    this.flushTimer = undefined;
    this.flushImmediate = undefined;
    const batch = this.outbox;
    this.outbox = [];
    if (batch.length === 0) return;
    const start = performance.now();
    const frame = encodeUpdate(batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((b) => b.update)));
    // A connection is skipped only when the whole batch is its own; else it gets its
    // own update back too, which Yjs ignores.
    const sole = batch.every((b) => b.origin === batch[0]!.origin) ? batch[0]!.origin : undefined;
    for (const conn of this.connections()) {
      if (conn !== sole) conn.send(frame);
    }
    const end = performance.now();
    const cost = end - start;
    const duty = cost / Math.max(cost, start - this.lastFlushStart);
    this.broadcastDuty += DUTY_SMOOTHING * (duty - this.broadcastDuty);
    this.lastFlushStart = start;
    this.lastFlushEnd = end;
    this.lastFlushCost = cost;
  };
}
