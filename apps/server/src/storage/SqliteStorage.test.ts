import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
