import type * as Y from 'yjs';
import { applySliced, type SlicedOutcome } from './SlicedApply.js';

/** What a room is told when a connection's sliced apply ends (see applySliced's hooks). */
export interface SliceQueueHooks {
  /** Asked before each step; false stops what is left (connection gone, draft frozen). */
  mayContinue(): boolean;
  /** Called once, after the last step, with the frames that waited meanwhile, in order. */
  done(outcome: SlicedOutcome, waiting: readonly Uint8Array[]): void;
}

/**
 * Connections whose big update is being applied slice by slice (applySliced), each with
 * its frames that came meanwhile: they wait, in order, and are handled after it. The
 * endpoint's byte budget (YJS_BYTE_RATE) bounds how much can wait.
 */
export class SliceQueue<C> {
  private readonly slicing = new Map<C, { waiting: Uint8Array[]; cancel: () => void }>();

  /** Keeps `frame` for after `conn`'s sliced apply; false when none is running. */
  hold(conn: C, frame: Uint8Array): boolean {
    const busy = this.slicing.get(conn);
    if (!busy) return false;
    busy.waiting.push(frame);
    return true;
  }

  /** Applies `update` to `doc` in slices, with `conn` as the origin; its next frames wait. */
  start(doc: Y.Doc, update: Uint8Array, conn: C, hooks: SliceQueueHooks): void {
    const job = { waiting: [] as Uint8Array[], cancel: () => {} };
    this.slicing.set(conn, job);
    job.cancel = applySliced(doc, update, conn, {
      mayContinue: hooks.mayContinue,
      done: (outcome) => {
        this.slicing.delete(conn);
        hooks.done(outcome, job.waiting);
      },
    });
  }

  /** `conn` left: the steps left are dropped, and so are its waiting frames. */
  cancel(conn: C): void {
    this.slicing.get(conn)?.cancel();
    this.slicing.delete(conn);
  }

  /** The room is destroyed: every sliced apply stops, no done() follows. */
  cancelAll(): void {
    for (const { cancel } of this.slicing.values()) cancel();
    this.slicing.clear();
  }
}
