import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const serverRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The server entry point; tests run the TypeScript source through tsx so no build is needed. */
const MAIN = join(serverRoot, 'src', 'main.ts');
const LISTENING = /Roundtable listening on http:\/\/localhost:(\d+)/;

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  wsUrl: string;
  exited: Promise<number | null>;
}

/** Starts the real server in its own process and resolves once it listens. */
export function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: serverRoot,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = LISTENING.exec(out);
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}`, wsUrl: `ws://127.0.0.1:${m[1]}`, exited });
    });
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening: ${err || out}`)));
  });
}
