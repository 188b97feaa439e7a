import type { Compilable, Kysely } from 'kysely';
import type { Tables } from './rows.js';

/** The two databases Roundtable runs on; the only place their names are spelled. */
export type SqlDialectName = 'sqlite' | 'postgres';

/** Runs compiled Kysely queries: rows for a read, affected-row counts for writes. */
export interface SqlRunner {
  rows<R>(query: Compilable<R>): Promise<R[]>;
  changes(query: Compilable<unknown>): Promise<number>;
  /** Runs the writes in one committed transaction; the affected-row count of each. */
  batch(queries: readonly Compilable<unknown>[]): Promise<number[]>;
}

/**
 * One database behind SqlStorage. Kysely builds and compiles the SQL for the dialect; the
 * driver runs it. A batch is a list of statements, never a callback: on SQLite it runs
 * synchronously inside one better-sqlite3 transaction, so no other caller's statement can
 * slip into it at an await (SQLite has one connection for everyone).
 */
export interface SqlDriver extends SqlRunner {
  readonly dialect: SqlDialectName;
  /** A query builder and compiler only: it has no connection of its own. */
  readonly db: Kysely<Tables>;
  /**
   * Runs `work` alone against the schema (concurrently starting instances migrate one
   * after the other on PostgreSQL), in one transaction where the database allows it.
   */
  exclusive<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /**
   * After a delete meant to erase (intervision notes): has the database drop the old copies
   * of `table`'s deleted rows that it can. SQLite (secure_delete on) truncates its WAL;
   * PostgreSQL vacuums the table, which only makes the space reusable (docs/security.md).
   * Rejects when it could not; the rows are deleted either way.
   */
  reclaimDeleted(table: keyof Tables): Promise<void>;
  /** True when the database answers (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
