import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { decodeMessage, largestAwarenessState, MalformedMessage, MESSAGE_SYNC } from './yMessages.js';

/** A y-websocket "sync update" frame carrying `update`. */
function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

describe('decodeMessage', () => {
  it('passes a real update through', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'bonjour');
    const update = Y.encodeStateAsUpdate(doc);
    expect(decodeMessage(updateFrame(update))).toEqual({ type: 'update', update });
  });

  it('refuses an update whose header claims millions of structs, before Yjs allocates for them', () => {
    // 1 client; 20,521,114 structs (varuint 0x9a 0xc1 0xe4 0x09); client 46, clock 83; then junk.
    // Y.applyUpdate allocates an array that long before it finds out (~0.5 s here, ~160 MB).
    const hostile = new Uint8Array([1, 0x9a, 0xc1, 0xe4, 0x09, 46, 83, 120, 157, 194, 231, 12]);
    expect(() => decodeMessage(updateFrame(hostile))).toThrow(MalformedMessage);
  });
});

describe('largestAwarenessState', () => {
  it('measures the largest state of an update in UTF-8 bytes, and refuses what does not decode', () => {
    const a = new awarenessProtocol.Awareness(new Y.Doc());
    const b = new awarenessProtocol.Awareness(new Y.Doc());
    a.setLocalState({ user: { name: 'Zoë' } });
    b.setLocalState({ user: { name: 'é'.repeat(100) } });
    const update = awarenessProtocol.encodeAwarenessUpdate(a, [a.clientID]);
    expect(largestAwarenessState(update)).toBe(JSON.stringify({ user: { name: 'Zoë' } }).length + 1);
    a.getStates().set(b.clientID, b.getLocalState()!);
    a.meta.set(b.clientID, { clock: 1, lastUpdated: 0 });
    const both = awarenessProtocol.encodeAwarenessUpdate(a, [a.clientID, b.clientID]);
    expect(largestAwarenessState(both)).toBe(JSON.stringify({ user: { name: 'é'.repeat(100) } }).length + 100);
    expect(() => largestAwarenessState(new Uint8Array([5, 1]))).toThrow(MalformedMessage);
  });
});
