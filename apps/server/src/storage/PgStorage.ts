import { createPgDriver } from './pgDriver.js';
import { SqlStorage } from './SqlStorage.js';

/** The store shared by several instances on PostgreSQL (see createPgDriver for its timeouts). */
export class PgStorage extends SqlStorage {
  /** @param schema a schema of its own (tests run in a schema per run); created if absent. */
  constructor(connectionString: string, schema?: string) {
    super(createPgDriver(connectionString, schema));
  }
}
