import pino from 'pino';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocRoom, type CollabConnection, type RoomSink } from './DocRoom.js';
import { decodeMessage, encodeSyncStep1 } from './yMessages.js';

/** A connection that keeps the updates it is sent (sync steps and awareness are ignored). */
class RecordingConnection implements CollabConnection {
  readonly updates: Uint8Array[] = [];
  readonly role = 'participant';
  readonly canEdit = true;
  readonly canShareAwareness = true;

  constructor(readonly participantId: string) {}

  send(data: Uint8Array): void {
    const message = decodeMessage(data);
    if (message.type === 'update') this.updates.push(message.update);
  }

  close(): void {}
}

function newRoom(): { room: DocRoom; persisted: Uint8Array[] } {
  const persisted: Uint8Array[] = [];
  const sink: RoomSink = { persist: (u) => persisted.push(u), publishUpdate: () => {}, publishAwareness: () => {} };
  return { room: new DocRoom('doc', 'session', new Y.Doc(), sink, pino({ level: 'silent' })), persisted };
}

/** Lets a pending broadcast (setImmediate, or a short rest) run. */
const nextBroadcast = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('DocRoom broadcasts', () => {
  it('persists each update at once and relays a burst as one merged frame, not to its author', async () => {
    const { room, persisted } = newRoom();
    const author = new RecordingConnection('a');
    const reader = new RecordingConnection('b');
    room.add(author);
    room.add(reader);
    const text = room.doc.getText('t');
    for (const word of ['bon', 'jour', ' à ', 'tous']) Y.transact(room.doc, () => text.insert(text.length, word), author);

    expect(persisted).toHaveLength(4);
    expect(reader.updates).toHaveLength(0);
    await nextBroadcast();
    expect(reader.updates).toHaveLength(1);
    expect(author.updates).toHaveLength(0);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, reader.updates[0]!);
    expect(copy.getText('t').toString()).toBe('bonjour à tous');
  });

  it('sends a batch with several authors to each of them too', async () => {
    const { room } = newRoom();
    const a = new RecordingConnection('a');
    const b = new RecordingConnection('b');
    room.add(a);
    room.add(b);
    Y.transact(room.doc, () => room.doc.getText('t').insert(0, 'x'), a);
    Y.transact(room.doc, () => room.doc.getText('t').insert(0, 'y'), b);
    await nextBroadcast();
    expect(a.updates).toHaveLength(1);
    expect(b.updates).toHaveLength(1);
  });

  it('drops a pending broadcast when destroyed', async () => {
    const { room } = newRoom();
    const author = new RecordingConnection('a');
    const reader = new RecordingConnection('b');
    room.add(author);
    room.add(reader);
    Y.transact(room.doc, () => room.doc.getText('t').insert(0, 'gone'), author);
    room.destroy();
    await nextBroadcast();
    expect(reader.updates).toHaveLength(0);
  });
});

describe('DocRoom sync', () => {
  const textOf = (update: Uint8Array) => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, update);
    return copy.getText('t').toString();
  };

  /** A client connects with `doc` and asks for what it lacks; returns what it was sent. */
  function join(room: DocRoom, doc = new Y.Doc()): Uint8Array {
    const conn = new RecordingConnection('joiner');
    room.add(conn);
    room.receive(conn, encodeSyncStep1(doc));
    expect(conn.updates).toHaveLength(1);
    return conn.updates[0]!;
  }

  it('answers fresh joiners with the whole document, encoded again after each change', () => {
    const { room } = newRoom();
    const text = room.doc.getText('t');
    text.insert(0, 'bonjour');
    const first = join(room);
    expect(textOf(first)).toBe('bonjour');
    expect(join(room)).toEqual(first);
    text.insert(7, ' à tous');
    expect(textOf(join(room))).toBe('bonjour à tous');
  });

  it('answers a client that has part of the document with the rest only', () => {
    const { room } = newRoom();
    const text = room.doc.getText('t');
    text.insert(0, 'bonjour');
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(room.doc));
    text.insert(7, ' à tous');
    const rest = join(room, client);
    expect(rest.byteLength).toBeLessThan(Y.encodeStateAsUpdate(room.doc).byteLength);
    Y.applyUpdate(client, rest);
    expect(client.getText('t').toString()).toBe('bonjour à tous');
  });
});
