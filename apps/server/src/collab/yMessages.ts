import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { SLICE_MIN_BYTES } from './updateSlices.js';

/** Top-level message types of the y-websocket protocol. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** One decoded inbound frame; anything else is malformed. */
export type InboundMessage =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'queryAwareness' };

export class MalformedMessage extends Error {}

/**
 * Decodes a y-websocket frame without applying it, so the caller decides by
 * role what to do with it. Throws MalformedMessage on anything that does not decode.
 */
export function decodeMessage(data: Uint8Array): InboundMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep1) return { type: 'syncStep1', stateVector: payload };
        // Step 2 and update carry the same thing: an update to merge.
        if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
          // Read the whole update once before anyone applies it: Y.applyUpdate trusts the
          // struct count in each header and allocates an array that long up front, so 64
          // hostile bytes can cost ~1 s of CPU and ~160 MB (found by test/faults.test.ts).
          // This lazy reader allocates nothing ahead and stops at the end of the bytes; it
          // costs about one more decode of the update. A big update is read by UpdateSlicer
          // instead, in bounded steps, before anything of it is applied: reading 1 MiB of small
          // structs at once is a stall of its own (~150 ms).
          if (payload.length < SLICE_MIN_BYTES) Y.parseUpdateMeta(payload);
          return { type: 'update', update: payload };
        }
        break;
      }
      case MESSAGE_AWARENESS:
        return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
      case MESSAGE_QUERY_AWARENESS:
        return { type: 'queryAwareness' };
    }
  } catch (err) {
    throw new MalformedMessage(err instanceof Error ? err.message : 'undecodable frame');
  }
  throw new MalformedMessage('unknown message type');
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** Sync step 2 from an already-encoded update (the diff against the peer's state vector). */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwarenessStates(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
}

/**
 * Bytes of the largest client state in an awareness update (its JSON, as sent), read without
 * parsing the JSON. Throws MalformedMessage when the update does not decode.
 */
export function largestAwarenessState(update: Uint8Array): number {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    let largest = 0;
    for (let i = 0; i < count; i++) {
      decoding.readVarUint(decoder); // client id
      decoding.readVarUint(decoder); // clock
      // A state is written with writeVarString: its UTF-8 bytes, length first.
      largest = Math.max(largest, decoding.readVarUint8Array(decoder).byteLength);
    }
    return largest;
  } catch (err) {
    throw new MalformedMessage(err instanceof Error ? err.message : 'undecodable awareness update');
  }
}
