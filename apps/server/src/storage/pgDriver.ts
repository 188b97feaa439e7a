import pg from 'pg';
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  type Compilable,
} from 'kysely';
import type { Tables } from './rows.js';
import type { SqlDriver, SqlRunner } from './SqlDriver.js';

/** Connections per instance; each instance's writes are short transactions. */
const POOL_SIZE = 10;
/** A query that has not answered by then fails, so callers refuse instead of hanging. */
const STATEMENT_TIMEOUT_MS = 5_000;
/**
 * The client gives up on a query a little after the server would have: statement_timeout
 * cannot fire when the server is out of reach (a network partition), and without this a
 * ballot in flight would wait for TCP to give up, minutes later (found by
 * test/faults.test.ts, PostgreSQL unreachable, blackhole).
 */
const QUERY_TIMEOUT_MS = STATEMENT_TIMEOUT_MS + 1_000;
/** Serialises migrations of concurrently starting instances (an arbitrary, fixed key). */
const MIGRATION_LOCK_KEY = 7_346_291;

const SAFE_SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

function runnerOn(target: Queryable): SqlRunner {
  const run = (query: Compilable<unknown>) => {
    const { sql: text, parameters } = query.compile();
    return target.query(text, parameters as unknown[]);
  };
  return {
    rows: async <R>(query: Compilable<R>) => (await run(query)).rows as R[],
    changes: async (query) => (await run(query)).rowCount ?? 0,
    batch: async (queries) => {
      const counts: number[] = [];
      for (const query of queries) counts.push((await run(query)).rowCount ?? 0);
      return counts;
    },
  };
}

/**
 * PostgreSQL shared by several instances, through a pg pool (Kysely only compiles: its
 * PostgresDialect would roll back on a broken connection and hand it back to the pool, which
 * the transaction below must not do). Every write is a committed transaction before its
 * promise resolves (synchronous_commit stays on), so an acknowledged ballot survives the
 * loss of any instance.
 * @param schema a schema of its own (tests run in a schema per run); created if absent.
 */
export function createPgDriver(connectionString: string, schema?: string): SqlDriver {
  if (schema !== undefined && !SAFE_SCHEMA.test(schema)) throw new Error(`unsafe schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString,
    max: POOL_SIZE,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    connectionTimeoutMillis: STATEMENT_TIMEOUT_MS,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);

  const transaction = async <T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    // A checked-out client has no 'error' listener of the pool's: a connection lost
    // mid-transaction would emit an unhandled 'error' and kill the process (found by
    // test/faults.test.ts, PostgreSQL unreachable). The query in flight fails anyway.
    const ignore = () => undefined;
    client.on('error', ignore);
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(runnerOn(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      // Only a connection that answered (an SQL error) can roll back; one that timed out or
      // broke would make ROLLBACK wait out its own timeout. It is discarded instead (below),
      // which ends its transaction on the server.
      broken = err instanceof Error ? err : new Error(String(err));
      if (err instanceof pg.DatabaseError) {
        await client.query('ROLLBACK').then(
          () => (broken = undefined),
          () => undefined,
        );
      }
      throw err;
    } finally {
      client.off('error', ignore);
      // Released with an error, the pool discards the client rather than reuse it.
      client.release(broken);
    }
  };

  const db = new Kysely<Tables>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  const onPool = runnerOn(pool);

  return {
    rows: onPool.rows,
    changes: onPool.changes,
    // A single statement is its own transaction: no BEGIN/COMMIT round trips for it.
    batch: async (queries) =>
      queries.length === 1 ? [await onPool.changes(queries[0]!)] : transaction((tx) => tx.batch(queries)),
    dialect: 'postgres',
    db,
    exclusive: (work) =>
      transaction(async (tx) => {
        await tx.rows({ compile: () => sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.compile(db) });
        if (schema) await tx.changes(db.schema.createSchema(schema).ifNotExists());
        return work(tx);
      }),
    // VACUUM cannot run in a transaction block: it goes through the pool as a single
    // statement. It removes dead tuples and lets new rows overwrite their space; it does not
    // zero it, and the WAL, replicas and backups keep what they had (docs/architecture.md).
    reclaimDeleted: async (table) => {
      await onPool.changes({ compile: () => sql`VACUUM ${sql.table(table)}`.compile(db) });
    },
    ping: async () => {
      try {
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => pool.end(),
  };
}
