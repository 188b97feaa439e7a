import Database from 'better-sqlite3';
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Compilable } from 'kysely';
import type { Tables } from './rows.js';
import type { SqlDriver, SqlRunner } from './SqlDriver.js';

/**
 * Distinct statements kept compiled. Our statements are a few dozen, plus one per row count
 * of multi-row inserts; past this the cache is emptied rather than grow without end.
 */
const MAX_CACHED_STATEMENTS = 1_000;
/** How long SQLite waits for a lock before SQLITE_BUSY, for ordinary statements. */
const BUSY_TIMEOUT_MS = 5_000;
/**
 * A WAL checkpoint waits for readers of other processes (a backup, an sqlite3 shell). It is
 * tried this many times, this far apart, with no busy wait: better-sqlite3 is synchronous,
 * and waiting inside SQLite would stall every session of the process.
 */
const CHECKPOINT_ATTEMPTS = 10;
const CHECKPOINT_RETRY_MS = 50;

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
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Deleted rows are overwritten with zeros, not left in free space: erased intervision
  // notes must not stay readable in the file (issue #11). It costs only on DELETE (erase,
  // compaction); appends write what they wrote before.
  database.pragma('secure_delete = ON');

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
    // secure_delete zeroed the rows in the pages; the WAL still holds the frames written
    // before (the inserted rows), until it is checkpointed and truncated to nothing.
    reclaimDeleted: async () => {
      for (let attempt = 1; ; attempt++) {
        if (checkpointTruncate(database)) return;
        if (attempt === CHECKPOINT_ATTEMPTS) {
          throw new Error('WAL checkpoint blocked by another reader; old pages stay in the WAL until the next one');
        }
        await new Promise((resolve) => setTimeout(resolve, CHECKPOINT_RETRY_MS));
      }
    },
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

/**
 * One `wal_checkpoint(TRUNCATE)` that does not wait for other processes' readers: true when
 * every frame was copied and the WAL emptied, false when a reader or a lock was in the way.
 */
function checkpointTruncate(database: Database.Database): boolean {
  database.pragma('busy_timeout = 0');
  try {
    const [result] = database.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return result?.busy === 0;
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) return false;
    throw err;
  } finally {
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}
