import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PgStorage } from './PgStorage.js';
import { describeStorage } from './storageSuite.js';

/** The real PostgreSQL on loopback (trust auth, database `test`), a schema per run. */
const DATABASE_URL = process.env.DATABASE_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describeStorage('PostgreSQL', async () => {
  const schema = `rt_test_${randomUUID().replace(/-/g, '')}`;
  const storage = new PgStorage(DATABASE_URL, schema);
  return {
    storage,
    cleanup: async () => {
      await storage.close();
      const admin = new pg.Client({ connectionString: DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
});
