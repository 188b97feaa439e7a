import pino from 'pino';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocRoom, type CollabConnection, type RoomSink } from './DocRoom.js';
import { decodeMessage } from './yMessages.js';

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
