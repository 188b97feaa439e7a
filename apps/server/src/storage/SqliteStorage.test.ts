import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteStorage } from './SqliteStorage.js';
import { describeStorage } from './storageSuite.js';

describeStorage('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rt-sqlite-'));
  const storage = new SqliteStorage(join(dir, 'test.sqlite'));
  return {
    storage,
    cleanup: async () => {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite erase', () => {
  it('truncates the WAL after a delete, and says so when a reader of another connection blocks it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rt-sqlite-'));
    const file = join(dir, 'test.sqlite');
    const storage = new SqliteStorage(file);
    const reader = new Database(file, { readonly: true });
    try {
      await storage.migrate();
      const secret = Buffer.from(`SECRET-${process.pid}-${Date.now()}`, 'utf8');
      await storage.docs.appendDocUpdates('ivn-analysis-x', [secret]);
      expect(readFileSync(`${file}-wal`).includes(secret)).toBe(true);
      await storage.docs.deleteDocs(['ivn-analysis-x']);

      // A read transaction open on another connection keeps the WAL's frames in use.
      reader.exec('BEGIN');
      reader.prepare('SELECT count(*) FROM doc_updates').get();
      await expect(storage.docs.reclaimDeletedDocs()).rejects.toThrow(/blocked by another reader/);
      reader.exec('COMMIT');

      await storage.docs.reclaimDeletedDocs();
      expect(statSync(`${file}-wal`).size).toBe(0);
      expect(readFileSync(file).includes(secret)).toBe(false);
    } finally {
      reader.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
