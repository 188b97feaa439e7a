import * as Y from 'yjs';
import { UpdateSlicer } from './updateSlices.js';

/** How a sliced application ended: every slice applied, stopped on the way, or refused. */
export type SlicedOutcome = { kind: 'applied' } | { kind: 'stopped' } | { kind: 'failed'; error: unknown };

export interface SlicedApplyHooks {
  /** Asked before each step; false stops what is left (connection gone, draft frozen). */
  mayContinue(): boolean;
  /** Called once, after the last step; not after cancel(). */
  done(outcome: SlicedOutcome): void;
}

/**
 * Applies a big update to `doc` in steps, one per turn of the event loop (setImmediate): first
 * the whole update is read (UpdateSlicer.scan, so a malformed update is refused before any of
 * it is applied), then applied slice by slice. Between steps, the server serves every other
 * frame, session and request. Each slice is an update of its own: the doc's 'update' event
 * fires for it (relay, persistence, bus), so what was applied before a crash or a stop is kept,
 * and the client, which still holds every edit, sends the rest on its next sync.
 *
 * Returns cancel(): the steps left are dropped and done() is not called (room destroyed).
 */
export function applySliced(doc: Y.Doc, update: Uint8Array, origin: unknown, hooks: SlicedApplyHooks): () => void {
  const slicer = new UpdateSlicer(update);
  let scanned = false;
  let timer: NodeJS.Immediate | undefined;
  const step = () => {
    timer = undefined;
    if (!hooks.mayContinue()) return hooks.done({ kind: 'stopped' });
    try {
      if (!scanned) {
        scanned = slicer.scan();
        // Few structs in many bytes (a big paste): one slice, applied as it came.
        if (scanned && slicer.fitsOneSlice) {
          Y.applyUpdate(doc, update, origin);
          return hooks.done({ kind: 'applied' });
        }
      } else {
        const slice = slicer.next();
        if (!slice) return hooks.done({ kind: 'applied' });
        Y.applyUpdate(doc, slice, origin);
      }
    } catch (error) {
      return hooks.done({ kind: 'failed', error });
    }
    timer = setImmediate(step);
  };
  step();
  return () => clearImmediate(timer);
}
