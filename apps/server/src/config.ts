import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Bytes of a generated SECRET: 256 bits for HMAC-SHA256. */
const GENERATED_SECRET_BYTES = 32;
/** Shortest SECRET accepted from the environment. */
const MIN_SECRET_LENGTH = 32;

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** The environment variables Roundtable reads, each documented in the README. */
const EnvSchema = z.object({
  /** TCP port for the web app, REST, socket.io and Yjs. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to listen on; 0.0.0.0 so phones in the room can reach a laptop server. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Folder for the SQLite file and the generated secret. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** postgres://… to use PostgreSQL; unset: SQLite file in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  /** PostgreSQL schema for Roundtable's tables (created if absent); unset: the search_path default. */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
    .optional(),
  /** redis://… for presence and fan-out between instances; unset: in-process presence. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  /** Prefix of every Redis key, so deployments (and tests) can share one Redis. */
  REDIS_PREFIX: z.string().min(1).default('rt'),
  /** Signs tokens; shared by all instances. Unset: generated once and kept in DATA_DIR. */
  SECRET: z.string().min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`).optional(),
  LOG_LEVEL: LogLevel.default('info'),
  /** Folder of the built web app; defaults to apps/web/dist of this checkout. */
  WEB_DIST: z.string().optional(),
  /** Trust X-Forwarded-For (behind a reverse proxy) for per-IP rate limits. */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly databaseSchema: string | undefined;
  readonly redisUrl: string | undefined;
  readonly redisPrefix: string;
  readonly secret: string;
  readonly logLevel: z.infer<typeof LogLevel>;
  readonly webDist: string;
  readonly trustProxy: boolean;
}

export class ConfigError extends Error {}

/**
 * Parses the environment once into a frozen Config. A bad value throws a
 * ConfigError whose message is one line naming the variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    secret: e.SECRET ?? loadOrCreateSecret(dataDir),
    logLevel: e.LOG_LEVEL,
    webDist: resolve(e.WEB_DIST ?? defaultWebDist()),
    trustProxy: e.TRUST_PROXY,
  });
}

/** Keeps a generated secret in DATA_DIR so tokens survive a restart. */
function loadOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(GENERATED_SECRET_BYTES).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

function defaultWebDist(): string {
  // Both src/config.ts (tsx, tests) and dist/main.js (build) sit two levels below apps/.
  const here = dirname(fileURLToPath(import.meta.url));
  return join(here, '..', '..', 'web', 'dist');
}
