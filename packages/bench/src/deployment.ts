import { execFile, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readProc } from './procStats.js';

/**
 * A throwaway scale-out deployment for the two-instance scenario: Roundtable on real
 * Redis (a key prefix of its own) and real PostgreSQL (a schema of its own), one SECRET,
 * as apps/server/test/helpers/cluster.ts makes them for the server's tests.
 *
 * The bench talks to Redis and PostgreSQL only to check they are there, find Redis's pid
 * and drop a deployment: `redis-cli` and `psql` do that (infra/scripts/ensure-test-services.sh
 * installs both wherever it starts the services) without two more dependencies here.
 */

/** Where the services are; loopback by default, as for the server's tests. */
export interface ServiceUrls {
  redisUrl: string;
  databaseUrl: string;
}

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
/** One CLI call (a ping, a SCAN batch, a DROP SCHEMA) taking longer than this fails instead of hanging the run. */
const CLI_TIMEOUT_MS = 10_000;
/** Keys deleted per DEL when a deployment is dropped. */
const DEL_BATCH = 500;
/** Output kept from one CLI call (the keys of a deployment, INFO). */
const CLI_MAX_BUFFER_BYTES = 64 * 1024 * 1024;
/** Bytes of the generated SECRET: 256 bits, as the server generates its own. */
const SECRET_BYTES = 32;

/** BENCH_REDIS_URL and BENCH_DATABASE_URL, or the loopback defaults. */
export function serviceUrls(env: NodeJS.ProcessEnv): ServiceUrls {
  return {
    redisUrl: env.BENCH_REDIS_URL || DEFAULT_REDIS_URL,
    databaseUrl: env.BENCH_DATABASE_URL || DEFAULT_DATABASE_URL,
  };
}

/** The server's environment for one deployment; every instance of it gets the same. */
export interface Deployment {
  SECRET: string;
  REDIS_URL: string;
  REDIS_PREFIX: string;
  DATABASE_URL: string;
  DATABASE_SCHEMA: string;
}

/** Deployments made and not dropped yet; `dropLiveDeploymentsSync` drops them when the run is cut short. */
const live = new Set<Deployment>();

/** A fresh deployment: nothing exists until a server starts with it; drop it with `dropDeployment`. */
export function newDeployment(urls: ServiceUrls): Deployment {
  const id = randomUUID().replace(/-/g, '');
  const d: Deployment = {
    SECRET: randomBytes(SECRET_BYTES).toString('base64url'),
    REDIS_URL: urls.redisUrl,
    REDIS_PREFIX: `rt-bench-${id}`,
    DATABASE_URL: urls.databaseUrl,
    // Matches the server's DATABASE_SCHEMA rule (a lower-case SQL identifier), so it is safe to interpolate.
    DATABASE_SCHEMA: `rt_bench_${id}`,
  };
  live.add(d);
  return d;
}

/** Redis or PostgreSQL is not there: the message says where they were looked for. */
export class ServicesUnavailableError extends Error {}

/**
 * Resolves once Redis answers PING and PostgreSQL a query; else rejects, within a few
 * seconds, with "needs Redis at … and PostgreSQL at …" and what went wrong.
 */
export async function checkServices(urls: ServiceUrls): Promise<void> {
  const [redis, pg] = await Promise.allSettled([
    redisCli(urls.redisUrl, ['PING']).then((out) => {
      if (out.trim() !== 'PONG') throw new Error(out.trim() || 'no answer to PING');
    }),
    psql(urls.databaseUrl, 'select 1'),
  ]);
  const problems = [
    redis.status === 'rejected' ? `Redis: ${reason(redis.reason)}` : undefined,
    pg.status === 'rejected' ? `PostgreSQL: ${reason(pg.reason)}` : undefined,
  ].filter((p) => p !== undefined);
  if (problems.length > 0) {
    throw new ServicesUnavailableError(
      `needs Redis at ${redact(urls.redisUrl)} and PostgreSQL at ${redact(urls.databaseUrl)} (BENCH_REDIS_URL, BENCH_DATABASE_URL): ${problems.join('; ')}`,
    );
  }
}

/**
 * Removes the deployment's Redis keys and PostgreSQL schema. Tries both even if one
 * fails; rejects with what was left behind.
 */
export async function dropDeployment(d: Deployment): Promise<void> {
  live.delete(d);
  const [redis, pg] = await Promise.allSettled([
    (async () => {
      const keys = lines(await redisCli(d.REDIS_URL, scanKeys(d)));
      for (let i = 0; i < keys.length; i += DEL_BATCH)
        await redisCli(d.REDIS_URL, ['DEL', ...keys.slice(i, i + DEL_BATCH)]);
    })(),
    psql(d.DATABASE_URL, dropSchema(d)),
  ]);
  const left = [
    redis.status === 'rejected' ? `Redis keys ${d.REDIS_PREFIX}:* (${reason(redis.reason)})` : undefined,
    pg.status === 'rejected' ? `schema ${d.DATABASE_SCHEMA} (${reason(pg.reason)})` : undefined,
  ].filter((p) => p !== undefined);
  if (left.length > 0) throw new Error(`could not drop the deployment: ${left.join('; ')}`);
}

/**
 * For a run stopped by a signal or its watchdog, which exits without awaiting anything:
 * drops what is left, synchronously, each call bounded like the others.
 */
export function dropLiveDeploymentsSync(): void {
  const run = (command: string, args: string[], env: Record<string, string> = {}) =>
    spawnSync(command, args, {
      timeout: CLI_TIMEOUT_MS,
      encoding: 'utf8',
      env: { ...process.env, ...env },
      maxBuffer: CLI_MAX_BUFFER_BYTES,
    }).stdout ?? '';
  for (const d of live) {
    const keys = lines(run('redis-cli', redisArgs(d.REDIS_URL, scanKeys(d))));
    for (let i = 0; i < keys.length; i += DEL_BATCH)
      run('redis-cli', redisArgs(d.REDIS_URL, ['DEL', ...keys.slice(i, i + DEL_BATCH)]));
    run('psql', psqlArgs(d.DATABASE_URL, dropSchema(d)), PSQL_ENV);
  }
  live.clear();
}

/**
 * Redis's process id when it runs on this machine (its CPU then shows in /proc), else
 * undefined (a container of its own, another host, no redis-cli).
 */
export async function localRedisPid(redisUrl: string): Promise<number | undefined> {
  try {
    const info = await redisCli(redisUrl, ['INFO', 'server']);
    const pid = Number(/^process_id:(\d+)/m.exec(info)?.[1]);
    // A Redis in a container reports the pid of its own namespace: make sure this one is Redis.
    return Number.isInteger(pid) && readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('redis') && readProc(pid)
      ? pid
      : undefined;
  } catch {
    return undefined;
  }
}

const scanKeys = (d: Deployment) => ['--scan', '--pattern', `${d.REDIS_PREFIX}:*`];
const dropSchema = (d: Deployment) => `DROP SCHEMA IF EXISTS ${d.DATABASE_SCHEMA} CASCADE`;
const lines = (out: string) => out.split('\n').filter((line) => line.length > 0);

/** --no-auth-warning: a password in the URL is expected here. */
const redisArgs = (url: string, args: string[]) => ['-u', url, '--no-auth-warning', ...args];

function redisCli(url: string, args: string[]): Promise<string> {
  return cli('redis-cli', redisArgs(url, args)).then((out) => {
    // redis-cli exits 0 on a command error (NOAUTH, WRONGPASS, …) and prints it.
    if (/^(ERR|NOAUTH|WRONGPASS|WRONGTYPE|NOPERM)\b/m.test(out)) throw new Error(out.trim());
    return out;
  });
}

/** -w: never prompt for a password; -X: ignore ~/.psqlrc; ON_ERROR_STOP: a failed statement fails the call. */
const PSQL_FLAGS = ['-w', '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1'];
/** Seconds psql waits for a connection (an unreachable host, not a refused port). */
const PSQL_ENV = { PGCONNECT_TIMEOUT: '5' };

const psqlArgs = (url: string, sql: string) => [...PSQL_FLAGS, '-d', url, '-c', sql];

function psql(url: string, sql: string): Promise<string> {
  return cli('psql', psqlArgs(url, sql), PSQL_ENV);
}

function cli(command: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { timeout: CLI_TIMEOUT_MS, env: { ...process.env, ...env }, maxBuffer: CLI_MAX_BUFFER_BYTES },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        const e = err as NodeJS.ErrnoException & { killed?: boolean };
        if (e.code === 'ENOENT') return reject(new Error(`${command} is not installed`));
        if (e.killed) return reject(new Error(`${command} did not answer within ${CLI_TIMEOUT_MS} ms`));
        reject(new Error((stderr || stdout || e.message).trim().split('\n')[0]));
      },
    );
  });
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A URL without its password, for messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (!u.password) return url;
    u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
