import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const serverRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The server entry point; tests run the TypeScript source through tsx so no build is needed. */
const MAIN = join(serverRoot, 'src', 'main.ts');
const LISTENING = /Roundtable listening on http:\/\/localhost:(\d+)/;
/**
 * Output kept per process, for diagnostics when a test fails. Bounded: a fault test makes
 * a server log thousands of warnings, and the whole of it would only weigh on the runner.
 */
const LOG_TAIL_CHARS = 64 * 1024;
/**
 * A server that has not said it listens by then is killed and the start fails: else a
 * process that hangs (or logs below info, so never prints the line) outlives the test.
 */
const START_TIMEOUT_MS = 30_000;

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  wsUrl: string;
  exited: Promise<number | null>;
  /** True while the process runs (it has neither exited nor been killed by a signal). */
  alive(): boolean;
  /** The last LOG_TAIL_CHARS of its stdout and stderr. */
  logTail(): string;
}

/** Starts the real server in its own process and resolves once it listens. */
export function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: serverRoot,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let log = '';
  const keep = (d: Buffer) => {
    log += d.toString();
    if (log.length > 2 * LOG_TAIL_CHARS) log = log.slice(-LOG_TAIL_CHARS);
  };
  return new Promise((resolve, reject) => {
    let listening = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not listen within ${START_TIMEOUT_MS} ms: ${log}`));
    }, START_TIMEOUT_MS);
    child.stderr!.on('data', keep);
    child.stdout!.on('data', (d: Buffer) => {
      keep(d);
      if (listening) return;
      const m = LISTENING.exec(log);
      if (!m) return;
      listening = true;
      clearTimeout(timer);
      resolve({
        child,
        url: `http://127.0.0.1:${m[1]}`,
        wsUrl: `ws://127.0.0.1:${m[1]}`,
        exited,
        alive: () => child.exitCode === null && child.signalCode === null,
        logTail: () => log.slice(-LOG_TAIL_CHARS),
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening: ${log}`));
    });
  });
}

/** Resident set size of a process in bytes, from /proc (Linux). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}
