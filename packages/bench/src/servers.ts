import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerKind } from './tasks.js';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The production build of the server (`pnpm --filter @roundtable/server build`). */
export const ROUNDTABLE_MAIN = join(REPO_ROOT, 'apps', 'server', 'dist', 'main.js');
const ROUNDTABLE_LISTENING = /Roundtable listening on http:\/\/localhost:(\d+)/;
const REFERENCE_LISTENING = /running at '[^']*' on port (\d+)/;
const START_TIMEOUT_MS = 20_000;
/** A server that has not exited this long after SIGTERM is killed. */
const STOP_TIMEOUT_MS = 12_000;
/** Last bytes of a server's output kept for error messages. */
const OUTPUT_TAIL_BYTES = 4_096;

export interface RunningServer {
  kind: ServerKind;
  pid: number;
  port: number;
  httpUrl: string;
  wsUrl: string;
  /** URL of the Yjs document `docName`, with a token for Roundtable. */
  docUrl(docName: string, token?: string): string;
  /** The last lines the server printed (for error messages). */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=…'] for profiling. */
  nodeFlags?: string[];
  /**
   * Roundtable: an existing DATA_DIR (kept on stop), so a server restarted after the
   * REST setup accepts the same tokens (the secret lives in DATA_DIR). Default: a
   * fresh one, removed on stop.
   */
  dataDir?: string;
  /** Roundtable: listen on this port (a restarted server keeps its URLs); default any free port. */
  port?: number;
  /** Roundtable: another build to measure (e.g. a candidate fix); default ROUNDTABLE_MAIN. */
  roundtableMain?: string;
  /**
   * Roundtable: more environment, e.g. a scale-out deployment's REDIS_URL, DATABASE_URL,
   * REDIS_PREFIX, DATABASE_SCHEMA and SECRET (see deployment.ts).
   */
  env?: Record<string, string>;
}

/** Every server started and not yet stopped; stopped on exit, SIGINT or a crash. */
const live = new Set<ChildProcess>();

export function killAllServers(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

/** The bin of @y/websocket-server 0.1.1, resolved from this package's dependencies. */
export function referenceServerEntry(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@y/websocket-server/package.json')), 'src', 'server.js');
}

/**
 * Roundtable's production build with a fresh DATA_DIR, removed on stop. The
 * listening line is an info log, so the level stays at info.
 */
export async function startRoundtable(options: StartOptions = {}): Promise<RunningServer> {
  const main = options.roundtableMain ?? ROUNDTABLE_MAIN;
  if (!existsSync(main)) {
    throw new Error(`${main} is missing: build the server first (pnpm --filter @roundtable/server build)`);
  }
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'rt-bench-'));
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--enable-source-maps', main], {
    cwd: dirname(dirname(main)),
    env: {
      ...withoutDeployment(process.env),
      ...options.env,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = await started('roundtable', child, ROUNDTABLE_LISTENING);
  return {
    ...server,
    docUrl: (docName, token) => `${server.wsUrl}/yjs/${docName}?token=${encodeURIComponent(token ?? '')}`,
    stop: async () => {
      await server.stop();
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The bench's own environment without the variables that choose a deployment: a shell
 * with REDIS_URL or DATABASE_URL set must not turn the SQLite cases into scale-out ones.
 */
function withoutDeployment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { REDIS_URL, REDIS_PREFIX, DATABASE_URL, DATABASE_SCHEMA, SECRET, WEB_DIST, ...rest } = env;
  return rest;
}

/**
 * The reference: @y/websocket-server 0.1.1's own bin, in-memory documents, no auth.
 * It prints the port it was given, not the bound one, so it gets a free port.
 */
export async function startReference(options: StartOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), referenceServerEntry()], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = await started('reference', child, REFERENCE_LISTENING);
  return {
    ...server,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    docUrl: (docName) => `ws://127.0.0.1:${port}/${docName}`,
  };
}

export function startServer(kind: ServerKind, options: StartOptions = {}): Promise<RunningServer> {
  return kind === 'roundtable' ? startRoundtable(options) : startReference(options);
}

function started(kind: ServerKind, child: ChildProcess, listening: RegExp): Promise<RunningServer> {
  live.add(child);
  let tail = '';
  const keep = (d: Buffer) => {
    // Always drain the pipes: a full pipe would block the server's writes.
    tail = (tail + d.toString()).slice(-OUTPUT_TAIL_BYTES);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => live.delete(child));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${kind} server did not start within ${START_TIMEOUT_MS} ms: ${tail}`));
    }, START_TIMEOUT_MS);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited before listening (${child.exitCode}): ${tail}`));
    });
    const onData = () => {
      const m = listening.exec(tail);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      const port = m[1]!;
      resolve({
        kind,
        pid: child.pid!,
        port: Number(port),
        httpUrl: `http://127.0.0.1:${port}`,
        wsUrl: `ws://127.0.0.1:${port}`,
        docUrl: () => '',
        output: () => tail,
        stop: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
          await exited;
          clearTimeout(killer);
        },
      });
    };
    child.stdout!.on('data', onData);
  });
}

/** A port nobody listens on right now (the reference server cannot report one). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
