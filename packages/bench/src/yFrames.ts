/**
 * Just enough of the y-websocket wire format for light receivers, which follow a
 * document without a Y.Doc: they must stay cheap so that 2,000 of them on a
 * 2-core machine measure the server, not the load generator.
 */

/** Top-level message type of y-websocket: sync (then a y-protocols sync sub-type). */
export const MESSAGE_SYNC = 0;
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** Sync step 1 with an empty state vector: "send me the whole document". */
export const SYNC_STEP1_EMPTY = new Uint8Array([MESSAGE_SYNC, SYNC_STEP1, 1, 0]);

/**
 * The sync sub-type of a frame, or -1 when it is not a sync frame. Both bytes are
 * varuints below 128, so each is a single byte.
 */
export function syncType(frame: Uint8Array): number {
  return frame.length >= 2 && frame[0] === MESSAGE_SYNC ? frame[1]! : -1;
}

/*
 * Writers type markers `~<writer>.<seq>@<sentAtMs>~` (sentAtMs: absolute time in ms with
 * a fraction, from `now()`). The inserted string travels as UTF-8 inside the Yjs update,
 * so a receiver finds it with a byte search; other bytes of the update may equal '~',
 * hence the strict parse that skips anything that is not a whole marker.
 */
const TILDE = 0x7e;
const DOT = 0x2e;
const AT = 0x40;
const ZERO = 0x30;
const NINE = 0x39;

/** Absolute wall time in ms with sub-ms resolution, comparable across processes. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

export function marker(writer: number, seq: number, sentAt: number): string {
  return `~${writer}.${seq}@${sentAt.toFixed(3)}~`;
}

/** Calls `found(writer, seq, sentAt)` for every marker in the bytes. */
export function scanMarkers(
  bytes: Uint8Array,
  found: (writer: number, seq: number, sentAt: number) => void,
  from = 0,
): void {
  let i = bytes.indexOf(TILDE, from);
  while (i !== -1) {
    const end = parseMarker(bytes, i, found);
    i = bytes.indexOf(TILDE, end === -1 ? i + 1 : end + 1);
  }
}

/** Parses a marker starting at the '~' at `start`; returns the index of its closing '~' or -1. */
function parseMarker(
  b: Uint8Array,
  start: number,
  found: (writer: number, seq: number, sentAt: number) => void,
): number {
  let i = start + 1;
  let writer = 0;
  let digits = 0;
  for (; i < b.length && b[i]! >= ZERO && b[i]! <= NINE; i++, digits++) writer = writer * 10 + b[i]! - ZERO;
  if (digits === 0 || b[i] !== DOT) return -1;
  let seq = 0;
  digits = 0;
  for (i++; i < b.length && b[i]! >= ZERO && b[i]! <= NINE; i++, digits++) seq = seq * 10 + b[i]! - ZERO;
  if (digits === 0 || b[i] !== AT) return -1;
  let whole = 0;
  digits = 0;
  for (i++; i < b.length && b[i]! >= ZERO && b[i]! <= NINE; i++, digits++) whole = whole * 10 + b[i]! - ZERO;
  if (digits === 0 || b[i] !== DOT) return -1;
  let frac = 0;
  let scale = 1;
  for (i++; i < b.length && b[i]! >= ZERO && b[i]! <= NINE; i++) {
    frac = frac * 10 + b[i]! - ZERO;
    scale *= 10;
  }
  if (scale === 1 || b[i] !== TILDE) return -1;
  found(writer, seq, whole + frac / scale);
  return i;
}
