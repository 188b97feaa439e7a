import Database from 'better-sqlite3';
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Compilable } from 'kysely';
import type { Tables } from './rows.js';
import type { SqlDriver, SqlRunner } from './SqlDriver.js';

/**
 * Distinct statements kept compiled. Our statements are a few dozen, plus one per row count
 * of multi-row inserts; past this the cache is emptied rather than grow without end.
 */
const MAX_CACHED_STATEMENTS = 1_000;

/**
 * The embedded store: one SQLite file in WAL mode, queried synchronously through
 * better-sqlite3 (Kysely only compiles). Each call finishes its write before its promise
 * resolves, so an acknowledged write is on disk (WAL, synchronous=FULL survives kill -9 and
 * power loss). Kysely's own SqliteDialect is not used: it prepares every statement anew and
 * runs transactions as async callbacks; here statements are prepared once (preparing on
 * every call showed in the profile) and a batch is one synchronous transaction.
 */
export function createSqliteDriver(file: string): SqlDriver {
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');

  const statements = new Map<string, Database.Statement>();
  const statement = (query: Compilable<unknown>) => {
    const compiled = query.compile();
    let prepared = statements.get(compiled.sql);
    if (!prepared) {
      if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
      prepared = database.prepare(compiled.sql);
      statements.set(compiled.sql, prepared);
    }
    return { prepared, parameters: compiled.parameters as unknown[] };
  };
  const changesOf = (query: Compilable<unknown>) => {
    const { prepared, parameters } = statement(query);
    return prepared.run(...parameters).changes;
  };
  const runner: SqlRunner = {
    rows: async <R>(query: Compilable<R>) => {
      const { prepared, parameters } = statement(query);
      return prepared.all(...parameters) as R[];
    },
    changes: async (query) => changesOf(query),
    batch: async (queries) => database.transaction(() => queries.map(changesOf))(),
  };

  return {
    ...runner,
    dialect: 'sqlite',
    db: new Kysely<Tables>({
      dialect: {
        createAdapter: () => new SqliteAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (db) => new SqliteIntrospector(db),
        createQueryCompiler: () => new SqliteQueryCompiler(),
      },
    }),
    // One process owns the file and migrates before it serves, so nothing runs alongside.
    exclusive: (work) => work(runner),
    ping: async () => {
      try {
        return database.prepare('SELECT 1 AS ok').get() !== undefined;
      } catch {
        return false;
      }
    },
    close: async () => {
      if (database.open) database.close();
    },
  };
}
