import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { DocRoom, type CollabConnection, type RoomSink } from './DocRoom.js';
import { decodeMessage, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './yMessages.js';

/** A connection that keeps the updates and the state vectors (sync step 1) it is sent; awareness is ignored. */
class RecordingConnection implements CollabConnection {
  readonly updates: Uint8Array[] = [];
  readonly stateVectors: Uint8Array[] = [];
  readonly role = 'participant';
  readonly canEdit = true;
  readonly canShareAwareness = true;

  constructor(readonly participantId: string) {}

  send(data: Uint8Array): void {
    const message = decodeMessage(data);
    if (message.type === 'update') this.updates.push(message.update);
    if (message.type === 'syncStep1') this.stateVectors.push(message.stateVector);
  }

  readonly closes: string[] = [];
  close(_code: number, reason: string): void {
    this.closes.push(reason);
  }
}

function newRoom(mayApply?: ConstructorParameters<typeof DocRoom>[5]): { room: DocRoom; persisted: Uint8Array[] } {
  const persisted: Uint8Array[] = [];
  const sink: RoomSink = { persist: (u) => persisted.push(u), publishUpdate: () => {}, publishAwareness: () => {} };
  return { room: new DocRoom('doc', 'session', new Y.Doc(), sink, pino({ level: 'silent' }), mayApply), persisted };
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
    for (const word of ['bon', 'jour', ' à ', 'tous'])
      Y.transact(room.doc, () => text.insert(text.length, word), author);

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

describe('DocRoom updates it may not apply', () => {
  /** An editor's client: its document, and each local change sent to the room at once. */
  function editor(room: DocRoom) {
    const conn = new RecordingConnection('editor');
    const doc = new Y.Doc();
    room.add(conn);
    doc.on('update', (update: Uint8Array) => room.receive(conn, encodeUpdate(update)));
    const type = (words: string) => doc.getText('t').insert(doc.getText('t').length, words);
    /** What a y-websocket client does with a sync step 1: answer with what the server lacks. */
    const answer = () => room.receive(conn, encodeSyncStep2(Y.encodeStateAsUpdate(doc, conn.stateVectors.at(-1))));
    return { conn, type, answer };
  }

  it('asks an editor, once the draft is thawed, for what it typed while frozen', () => {
    const { room } = newRoom();
    const e = editor(room);
    e.type('avant');
    room.frozen = true;
    e.type(' pendant');
    e.type(' après');
    expect(room.doc.getText('t').toString()).toBe('avant');
    const asked = e.conn.stateVectors.length;
    room.frozen = false;
    expect(e.conn.stateVectors).toHaveLength(asked + 1);
    e.answer();
    expect(room.doc.getText('t').toString()).toBe('avant pendant après');
  });

  it('asks for what was refused as soon as an update of that editor is applied again', () => {
    let open = true;
    const { room } = newRoom(() => open);
    const e = editor(room);
    e.type('un');
    open = false;
    e.type(' deux');
    open = true;
    const asked = e.conn.stateVectors.length;
    e.type(' trois');
    // Applied, but pending on the refused ' deux' until the editor answers.
    expect(room.doc.getText('t').toString()).toBe('un');
    expect(e.conn.stateVectors).toHaveLength(asked + 1);
    e.answer();
    expect(room.doc.getText('t').toString()).toBe('un deux trois');
  });
});

describe('DocRoom probes', () => {
  /** Every frame a connection is sent, decoded, in order. */
  class FrameLog extends RecordingConnection {
    readonly frames: ReturnType<typeof decodeMessage>[] = [];
    override send(data: Uint8Array): void {
      super.send(data);
      this.frames.push(decodeMessage(data));
    }
  }
  const stateVectorOf = (doc: Y.Doc) => Y.encodeStateVector(doc);

  it('answers the handshake step 1 with a step 2 only, and a later one with a step 2 then its state vector', () => {
    const { room } = newRoom();
    const conn = new FrameLog('a');
    room.add(conn);
    const client = new Y.Doc();
    room.receive(conn, encodeSyncStep1(client));
    expect(conn.frames.map((f) => f.type)).toEqual(['syncStep1', 'update']);

    client.getText('t').insert(0, 'typed offline');
    room.receive(conn, encodeUpdate(Y.encodeStateAsUpdate(client)));
    room.receive(conn, encodeSyncStep1(client));
    expect(conn.frames.map((f) => f.type)).toEqual(['syncStep1', 'update', 'update', 'syncStep1']);
    const ack = conn.frames[3];
    expect(ack?.type === 'syncStep1' && Buffer.from(ack.stateVector)).toEqual(Buffer.from(stateVectorOf(client)));
  });

  it("a probe's state vector leaves out an update the write rule refused", () => {
    const { room } = newRoom();
    room.frozen = true;
    const conn = new FrameLog('a');
    room.add(conn);
    const client = new Y.Doc();
    room.receive(conn, encodeSyncStep1(client));
    client.getText('t').insert(0, 'typed during the vote');
    room.receive(conn, encodeUpdate(Y.encodeStateAsUpdate(client)));
    room.receive(conn, encodeSyncStep1(client));
    const ack = conn.frames.at(-1);
    expect(ack?.type).toBe('syncStep1');
    const server = ack?.type === 'syncStep1' ? Y.decodeStateVector(ack.stateVector) : undefined;
    expect(server?.get(client.clientID)).toBeUndefined();
  });
});

describe('DocRoom big updates (#11)', () => {
  /** ~250 KiB of 20,000 one-letter inserts at random places, each its own struct. */
  function manySmallStructs(seed = 1): Y.Doc {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    let x = seed;
    const random = () => {
      x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
      return x / 2_147_483_648;
    };
    doc.transact(() => {
      for (let i = 0; i < 20_000; i++) text.insert(Math.floor(random() * (text.length + 1)), 'x');
    });
    return doc;
  }
  const big = manySmallStructs();
  const bigUpdate = Y.encodeStateAsUpdate(big);
  /** Turns of the event loop until the first slice is in (the next may follow on the next turn). */
  const firstSlice = async (persisted: Uint8Array[]) => {
    while (persisted.length === 0) await new Promise((resolve) => setImmediate(resolve));
  };
  const settled = (room: DocRoom) =>
    vi.waitFor(() => expect(room.doc.getText('t').length).toBeGreaterThanOrEqual(20_000), { timeout: 20_000 });

  it('applies it slice by slice, each persisted and relayed, while other connections are served', async () => {
    const { room, persisted } = newRoom();
    const author = new RecordingConnection('a');
    const other = new RecordingConnection('b');
    room.add(author);
    room.add(other);
    room.receive(author, encodeUpdate(bigUpdate));
    const typed = new Y.Doc();
    typed.getText('u').insert(0, 'meanwhile');
    room.receive(other, encodeUpdate(Y.encodeStateAsUpdate(typed)));
    // The other connection's edit is in at once; the big update is not, yet.
    expect(room.doc.getText('u').toString()).toBe('meanwhile');
    expect(room.doc.getText('t').length).toBeLessThan(20_000);
    await settled(room);
    expect(room.doc.getText('t').toString()).toBe(big.getText('t').toString());
    expect(Buffer.from(Y.encodeStateVector(room.doc))).toEqual(Buffer.from(Y.encodeStateVector(mergedDoc())));
    expect(persisted.length).toBeGreaterThan(10);
    await nextBroadcast();
    const copy = new Y.Doc();
    for (const u of other.updates) Y.applyUpdate(copy, u);
    expect(copy.getText('t').toString()).toBe(big.getText('t').toString());
    expect(author.closes).toEqual([]);

    function mergedDoc() {
      const d = new Y.Doc();
      Y.applyUpdate(d, bigUpdate);
      Y.applyUpdate(d, Y.encodeStateAsUpdate(typed));
      return d;
    }
  });

  it("keeps the author's next frames waiting, in order, until its big update is in", async () => {
    const { room, persisted } = newRoom();
    const author = new RecordingConnection('a');
    room.add(author);
    const client = new Y.Doc();
    Y.applyUpdate(client, bigUpdate);
    const before = Y.encodeStateVector(client);
    client.getText('t').insert(0, 'then ');
    room.receive(author, encodeUpdate(bigUpdate));
    room.receive(author, encodeUpdate(Y.encodeStateAsUpdate(client, before)));
    expect(room.doc.getText('t').toString()).not.toContain('then');
    await settled(room);
    await vi.waitFor(() => expect(room.doc.getText('t').toString()).toBe(client.getText('t').toString()));
    // The waiting edit was applied last, not parked as pending on the structs it follows.
    expect(room.doc.store.pendingStructs).toBeNull();
    const last = new Y.Doc();
    Y.applyUpdate(last, persisted.at(-1)!);
    expect(last.getText('t').toString()).toBe('');
  });

  it('refuses a malformed big update whole, with the malformed-message close', async () => {
    const { room, persisted } = newRoom();
    const author = new RecordingConnection('a');
    room.add(author);
    room.receive(author, encodeUpdate(bigUpdate.subarray(0, bigUpdate.length - 3)));
    await vi.waitFor(() => expect(author.closes).toEqual(['malformed message']));
    expect(persisted).toEqual([]);
    expect(room.doc.getText('t').length).toBe(0);
  });

  it('stops the slices left when the author leaves or the room is destroyed', async () => {
    const { room, persisted } = newRoom();
    const author = new RecordingConnection('a');
    room.add(author);
    room.receive(author, encodeUpdate(bigUpdate));
    await firstSlice(persisted);
    room.remove(author);
    const applied = persisted.length;
    await nextBroadcast();
    expect(persisted.length).toBe(applied);
    expect(room.doc.getText('t').length).toBeLessThan(20_000);

    const second = newRoom();
    const conn = new RecordingConnection('b');
    second.room.add(conn);
    second.room.receive(conn, encodeUpdate(bigUpdate));
    second.room.destroy();
    await nextBroadcast();
    expect(second.persisted).toEqual([]);
  });

  it('stops when the draft freezes, and asks for the rest once it thaws', async () => {
    const { room, persisted } = newRoom();
    const author = new RecordingConnection('a');
    room.add(author);
    const asked = author.stateVectors.length;
    room.receive(author, encodeUpdate(bigUpdate));
    await firstSlice(persisted);
    room.frozen = true;
    await nextBroadcast();
    expect(author.closes).toEqual([]);
    const applied = persisted.length;
    expect(room.doc.getText('t').length).toBeLessThan(20_000);
    room.frozen = false;
    expect(author.stateVectors).toHaveLength(asked + 1);
    // The client answers with what the server lacks, applied in slices too.
    room.receive(author, encodeSyncStep2(Y.encodeStateAsUpdate(big, author.stateVectors.at(-1))));
    await settled(room);
    expect(persisted.length).toBeGreaterThan(applied);
    expect(room.doc.getText('t').toString()).toBe(big.getText('t').toString());
  });
});
