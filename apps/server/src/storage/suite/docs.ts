import { expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SuiteContext } from './fixtures.js';

/** DocStore: Yjs updates appended and compacted. */
export function docsCases(ctx: SuiteContext): void {
  it('appends Yjs updates and compacts them into one row without losing any', async () => {
    const { storage } = ctx;
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const text = doc.getText('t');
    for (let i = 0; i < 30; i++) text.insert(text.length, `${i},`);
    await storage.docs.appendDocUpdates('doc-1', updates.slice(0, 10));
    await storage.docs.appendDocUpdates('doc-1', updates.slice(10, 20));
    await storage.docs.appendDocUpdates('doc-other', [updates[0]!]);
    const stored = await storage.docs.loadDoc('doc-1');
    expect(stored.updates).toHaveLength(20);
    // Two chunks, under the seqs of the last two rows they replace.
    const chunks = [stored.updates.slice(0, 12), stored.updates.slice(12)].map((rows, i) => ({
      seq: stored.seqs[18 + i]!,
      data: Y.mergeUpdates(rows),
    }));
    await storage.docs.compactDoc('doc-1', chunks, stored.lastSeq);
    // Appended after the compaction read: must stay, after the merged rows.
    await storage.docs.appendDocUpdates('doc-1', updates.slice(20));
    const after = await storage.docs.loadDoc('doc-1');
    expect(after.updates).toHaveLength(12);
    expect(after.seqs.slice(0, 2)).toEqual(chunks.map((c) => c.seq));
    const copy = new Y.Doc();
    for (const u of after.updates) Y.applyUpdate(copy, u);
    expect(copy.getText('t').toString()).toBe(text.toString());
    expect((await storage.docs.loadDoc('doc-other')).updates).toHaveLength(1);
    expect(await storage.docs.loadDoc('missing')).toEqual({ updates: [], seqs: [], lastSeq: 0 });
  });
}
