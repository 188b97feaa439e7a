import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { SqliteStorage } from '../storage/SqliteStorage.js';
import type { DocStore } from '../storage/Storage.js';
import { DocPersistence, FLUSH_DELAY_MS } from './DocPersistence.js';

const log = pino({ level: 'silent' });

/** A real SQLite store whose appends fail while `down` is set, as when the disk or database is gone. */
function flakyDocs(docs: DocStore) {
  const state = { down: false, appendedRows: 0 };
  const flaky: DocStore = {
    loadDoc: (name) => docs.loadDoc(name),
    compactDoc: (name, chunks, upTo) => docs.compactDoc(name, chunks, upTo),
    deleteDocs: (names) => docs.deleteDocs(names),
    reclaimDeletedDocs: () => docs.reclaimDeletedDocs(),
    appendDocUpdates: async (name, updates) => {
      if (state.down) throw new Error('storage unavailable');
      state.appendedRows += updates.length;
      return docs.appendDocUpdates(name, updates);
    },
  };
  return { flaky, state };
}

/** One keystroke each, as a typist's client sends them. */
function keystrokes(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const text = doc.getText('body');
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < count; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  return updates;
}

let dir: string;
let storage: SqliteStorage;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rt-persist-'));
  storage = new SqliteStorage(join(dir, 'test.sqlite'));
  await storage.migrate();
});
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('DocPersistence while storage is down', () => {
  it('keeps every edit in a few merged rows instead of one per keystroke, and stores them all once it is back', async () => {
    const { flaky, state } = flakyDocs(storage.docs);
    const persistence = new DocPersistence('rec-1', { docs: flaky }, log, 0);
    const updates = keystrokes(3000);
    state.down = true;
    // Three failed writes, each with a thousand keystrokes more.
    for (let round = 0; round < 3; round++) {
      for (const u of updates.slice(round * 1000, (round + 1) * 1000)) persistence.enqueue(u);
      await persistence.flush();
    }
    // Held in memory as a handful of merged updates, not 3,000 small arrays.
    expect(persistence.pendingRows).toBeGreaterThan(0);
    expect(persistence.pendingRows).toBeLessThanOrEqual(3);

    state.down = false;
    await persistence.flush();
    expect(persistence.hasPending).toBe(false);
    expect(state.appendedRows).toBeLessThanOrEqual(3);
    const stored = await storage.docs.loadDoc('rec-1');
    const back = new Y.Doc();
    for (const u of stored.updates) Y.applyUpdate(back, u);
    const expected = Array.from({ length: 3000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
    expect(back.getText('body').toString()).toBe(expected);
  });

  it('retries on its own once storage is back, with no new edit to set it off', async () => {
    const { flaky, state } = flakyDocs(storage.docs);
    const persistence = new DocPersistence('rec-2', { docs: flaky }, log, 0);
    state.down = true;
    for (const u of keystrokes(200)) persistence.enqueue(u);
    await persistence.flush();
    expect(persistence.hasPending).toBe(true);
    state.down = false;
    // The retry timer (FLUSH_DELAY_MS × 50) writes the lot without anyone calling flush.
    await vi.waitFor(
      async () => {
        const back = new Y.Doc();
        for (const u of (await storage.docs.loadDoc('rec-2')).updates) Y.applyUpdate(back, u);
        expect(back.getText('body').length).toBe(200);
      },
      { timeout: FLUSH_DELAY_MS * 50 * 5, interval: 50 },
    );
    expect(persistence.hasPending).toBe(false);
  });
});
