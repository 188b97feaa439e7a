import { createSqliteDriver } from './sqliteDriver.js';
import { SqlStorage } from './SqlStorage.js';

/** The embedded store in one SQLite file (see createSqliteDriver for its durability). */
export class SqliteStorage extends SqlStorage {
  constructor(file: string) {
    super(createSqliteDriver(file));
  }
}
