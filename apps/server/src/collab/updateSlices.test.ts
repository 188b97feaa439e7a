import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MalformedUpdate, UpdateSlicer } from './updateSlices.js';

/** Every slice of `update`, scanning to the end first as DocRoom does. */
function slicesOf(update: Uint8Array, structsPerSlice = 7, deletesPerSlice = 3): Uint8Array[] {
  const slicer = new UpdateSlicer(update, structsPerSlice, deletesPerSlice);
  while (!slicer.scan());
  const slices: Uint8Array[] = [];
  for (let s = slicer.next(); s; s = slicer.next()) slices.push(s);
  return slices;
}

/** What a document holds, deletions and formatting included. */
function stateOf(doc: Y.Doc) {
  return {
    vector: Y.encodeStateVector(doc),
    text: doc.getText('text').toDelta(),
    xml: doc.getXmlFragment('xml').toString(),
    // A subdocument is compared by its guid (its client id differs from doc to doc).
    map: JSON.parse(
      JSON.stringify(doc.getMap('map').toJSON(), (_key, v: unknown) => (v instanceof Y.Doc ? `doc ${v.guid}` : v)),
    ) as unknown,
    array: doc.getArray('array').toJSON(),
    // The state vector and delete set of every struct, as Yjs encodes them.
    snapshot: Y.encodeSnapshot(Y.snapshot(doc)),
  };
}

/** Random edits of every kind by several clients, synced now and then; returns the documents. */
function randomDocs(seed: number, clients = 3, rounds = 40): Y.Doc[] {
  const gen = prng.create(seed);
  const docs = Array.from({ length: clients }, () => new Y.Doc());
  const word = () => prng.word(gen, 1, 6);
  for (let round = 0; round < rounds; round++) {
    const doc = prng.oneOf(gen, docs);
    const text = doc.getText('text');
    const xml = doc.getXmlFragment('xml');
    const map = doc.getMap<unknown>('map');
    const array = doc.getArray<unknown>('array');
    switch (prng.int32(gen, 0, 7)) {
      case 0:
        text.insert(prng.int32(gen, 0, text.length), word());
        break;
      case 1:
        if (text.length > 2) text.delete(prng.int32(gen, 0, text.length - 2), prng.int32(gen, 1, 2));
        break;
      case 2:
        if (text.length > 1) text.format(0, prng.int32(gen, 1, text.length), { bold: prng.bool(gen) || null });
        else text.insertEmbed(0, { image: word() });
        break;
      case 3: {
        const el = new Y.XmlElement(prng.oneOf(gen, ['paragraph', 'heading']));
        el.setAttribute('level', String(prng.int32(gen, 1, 3)));
        el.insert(0, [new Y.XmlText(word())]);
        xml.insert(prng.int32(gen, 0, xml.length), [el]);
        break;
      }
      case 4:
        map.set(word(), prng.oneOf(gen, [word(), 42, { nested: [1, 'a', null] }, new Uint8Array([1, 2, 3]), true]));
        break;
      case 5:
        if (map.size > 0) map.delete(prng.oneOf(gen, [...map.keys()]));
        else map.set('sub', new Y.Doc({ guid: `sub-${seed}-${round}` }));
        break;
      case 6:
        array.insert(prng.int32(gen, 0, array.length), [word(), prng.int32(gen, 0, 9)]);
        break;
      case 7:
        if (xml.length > 0) xml.delete(prng.int32(gen, 0, xml.length - 1), 1);
        else array.insert(0, [new Y.Map()]);
        break;
    }
    if (prng.int32(gen, 0, 4) === 0) {
      const [a, b] = [prng.oneOf(gen, docs), prng.oneOf(gen, docs)];
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    }
  }
  return docs;
}

/** The three documents merged: an update of several clients, each depending on the others. */
function mergedUpdate(docs: Y.Doc[]): Uint8Array {
  return Y.mergeUpdates(docs.map((d) => Y.encodeStateAsUpdate(d)));
}

describe('UpdateSlicer', () => {
  it('cuts random updates into slices that, applied in order, give the same document', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const update = mergedUpdate(randomDocs(seed));
      const whole = new Y.Doc();
      Y.applyUpdate(whole, update);
      const sliced = new Y.Doc();
      const slices = slicesOf(update);
      for (const slice of slices) {
        Y.applyUpdate(sliced, slice);
        // Nothing waits on a struct of a later slice: they come in an order Yjs can use at once.
        expect(sliced.store.pendingStructs, `seed ${seed}`).toBeNull();
      }
      expect(stateOf(sliced), `seed ${seed}`).toEqual(stateOf(whole));
      expect(slices.length, `seed ${seed}`).toBeGreaterThan(1);
    }
  });

  it('applies to a document that already holds part of the content', () => {
    for (let seed = 100; seed < 130; seed++) {
      const docs = randomDocs(seed);
      const update = mergedUpdate(docs);
      const whole = new Y.Doc();
      Y.applyUpdate(whole, update);
      const partial = new Y.Doc();
      Y.applyUpdate(partial, Y.encodeStateAsUpdate(docs[0]!));
      for (const slice of slicesOf(update)) Y.applyUpdate(partial, slice);
      expect(stateOf(partial), `seed ${seed}`).toEqual(stateOf(whole));
    }
  });

  it('slices 20,000 one-letter inserts of one client at random places, keeping each struct', () => {
    const doc = new Y.Doc();
    const text = doc.getText('text');
    const gen = prng.create(7);
    doc.transact(() => {
      for (let i = 0; i < 20_000; i++) text.insert(prng.int32(gen, 0, text.length), prng.letter(gen));
    });
    text.delete(10, 500);
    const update = Y.encodeStateAsUpdate(doc);
    const slicer = new UpdateSlicer(update, 1_000, 1_000);
    let steps = 1;
    while (!slicer.scan()) steps++;
    expect(steps).toBeGreaterThanOrEqual(20);
    expect(slicer.fitsOneSlice).toBe(false);
    const sliced = new Y.Doc();
    let slices = 0;
    for (let s = slicer.next(); s; s = slicer.next()) {
      Y.applyUpdate(sliced, s);
      slices++;
    }
    expect(slices).toBe(21); // 20 of structs (each struct is one letter: nothing merged), 1 of deletes
    expect(sliced.getText('text').toString()).toBe(text.toString());
    expect(stateOf(sliced)).toEqual(stateOf(doc));
  });

  it('says when an update fits one slice', () => {
    const doc = new Y.Doc();
    doc.getText('text').insert(0, 'bonjour');
    const slicer = new UpdateSlicer(Y.encodeStateAsUpdate(doc));
    expect(slicer.scan()).toBe(true);
    expect(slicer.fitsOneSlice).toBe(true);
  });

  it('throws MalformedUpdate on a truncated or corrupted update, before handing out any slice', () => {
    const update = mergedUpdate(randomDocs(3));
    for (const cut of [1, 5, Math.floor(update.length / 2), update.length - 1]) {
      const slicer = new UpdateSlicer(update.subarray(0, cut), 7, 3);
      expect(() => {
        while (!slicer.scan());
      }, `cut at ${cut}`).toThrow(MalformedUpdate);
    }
    // An unknown content ref (31) in the first struct.
    const e = encoding.createEncoder();
    for (const n of [1, 1, 5, 0, 31, 0]) encoding.writeVarUint(e, n);
    expect(() => new UpdateSlicer(encoding.toUint8Array(e)).scan()).toThrow(MalformedUpdate);
    // A header that claims millions of structs allocates nothing ahead and fails at the end of the bytes.
    const hostile = new Uint8Array([1, 0x9a, 0xc1, 0xe4, 0x09, 46, 83, 120, 157, 194, 231, 12]);
    expect(() => {
      const slicer = new UpdateSlicer(hostile);
      while (!slicer.scan());
    }).toThrow(MalformedUpdate);
  });
});
