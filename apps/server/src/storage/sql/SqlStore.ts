import type { SqlDriver } from '../SqlDriver.js';

/** What every module's SQL store has: the driver that runs its queries and Kysely to build them. */
export abstract class SqlStore {
  constructor(protected readonly driver: SqlDriver) {}

  protected get db() {
    return this.driver.db;
  }
}
