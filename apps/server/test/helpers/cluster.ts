import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { createClient } from 'redis';
import type { ServerTuning } from '../../src/createServer.js';
import { startTestServer, type TestServer } from './testServer.js';

export const REDIS_TEST_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';
export const DATABASE_TEST_URL = process.env.DATABASE_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface Cluster {
  instances: TestServer[];
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Server instances in this process sharing one deployment: real Redis (own key
 * prefix) and real PostgreSQL (own schema), one SECRET.
 */
export async function startCluster(
  count: number,
  overrides: Record<string, string> = {},
  tuning: ServerTuning = {},
): Promise<Cluster> {
  const env = deploymentEnv(overrides);
  const instances: TestServer[] = [];
  for (let i = 0; i < count; i++) instances.push(await startTestServer(env, tuning));
  return {
    instances,
    env,
    close: async () => {
      await Promise.allSettled(instances.map((i) => i.close()));
      await dropDeployment(env);
    },
  };
}

/**
 * The environment shared by the instances of one test deployment: one SECRET, real Redis
 * under a key prefix of its own and real PostgreSQL in a schema of its own.
 */
export function deploymentEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const id = randomUUID().replace(/-/g, '');
  return {
    SECRET: randomBytes(32).toString('base64url'),
    REDIS_URL: REDIS_TEST_URL,
    REDIS_PREFIX: `rt-test-${id}`,
    DATABASE_URL: DATABASE_TEST_URL,
    DATABASE_SCHEMA: `rt_test_${id}`,
    ...overrides,
  };
}

/** Removes what a test deployment left in Redis and PostgreSQL. */
export async function dropDeployment(env: Record<string, string>): Promise<void> {
  const redis = createClient({ url: env.REDIS_URL });
  await redis.connect();
  for await (const keys of redis.scanIterator({ MATCH: `${env.REDIS_PREFIX}:*` }))
    if (keys.length) await redis.del(keys);
  await redis.close();
  const admin = new pg.Client({ connectionString: env.DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${env.DATABASE_SCHEMA} CASCADE`);
  await admin.end();
}
