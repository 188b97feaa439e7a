import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PresenceStormResult, PresenceStormTask } from './tasks.js';
import type { FromStormWorker, StormWorkerData, ToStormWorker } from './presenceStormWorker.js';
import { now } from './yFrames.js';

const HERE = fileURLToPath(import.meta.url);
const FROM_SOURCE = HERE.endsWith('.ts');
const WORKER_ENTRY = join(dirname(HERE), `presenceStormWorker${FROM_SOURCE ? '.ts' : '.js'}`);

/** A thread running the worker; from source, tsx's loader is registered in it first (threads don't inherit it). */
function startWorker(data: StormWorkerData): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_ENTRY, { workerData: data });
  const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(pathToFileURL(WORKER_ENTRY).href);
  return new Worker(`import(${api}).then((tsx) => { tsx.register(); return import(${entry}); });`, {
    eval: true,
    workerData: data,
  });
}

/** A worker thread of the storm, with what it has reported so far. */
interface StormWorker {
  worker: Worker;
  startedAt?: number;
  connectedAt?: number;
  listedAt?: number;
  exited?: boolean;
}

function message<T extends FromStormWorker['type']>(
  w: StormWorker,
  type: T,
): Promise<Extract<FromStormWorker, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: FromStormWorker) => {
      if (m.type !== type) return;
      w.worker.off('message', onMessage);
      resolve(m as Extract<FromStormWorker, { type: T }>);
    };
    w.worker.on('message', onMessage);
    w.worker.once('error', reject);
    // A thread that has already gone (or goes) will never answer.
    if (w.exited) reject(new Error(`presence storm thread exited before '${type}'`));
    w.worker.once('exit', () => reject(new Error(`presence storm thread exited before '${type}'`)));
  });
}

/**
 * The presence storm (issue #15): N socket.io clients start connecting within `joinWindowMs`,
 * spread evenly; done when every one is connected and lists all N (its view complete).
 * The clients run in `task.workers` threads, client i in thread i mod workers: N real
 * clients each parse every list and delta they get (N x N rows in all), and in one thread
 * that parsing, not the server, set the pace. Bytes are counted at the clients, so they
 * are what the server sent them. Works against a server that sends the whole list at each
 * change (before) and one that sends deltas (after).
 */
export async function runPresenceStorm(
  task: PresenceStormTask,
  phase: (p: 'connect' | 'measure' | 'drain') => Promise<void>,
): Promise<PresenceStormResult> {
  const n = task.tokens.length;
  const threads = Math.max(1, Math.min(task.workers, n));
  const workers: StormWorker[] = [];
  try {
    for (let t = 0; t < threads; t++) {
      const data: StormWorkerData = {
        httpUrl: task.httpUrl,
        clients: task.tokens.map((token, index) => ({ token, index })).filter(({ index }) => index % threads === t),
        n,
        stepMs: task.joinWindowMs / n,
      };
      const w: StormWorker = { worker: startWorker(data) };
      w.worker.once('exit', () => {
        w.exited = true;
      });
      w.worker.on('message', (m: FromStormWorker) => {
        if (m.type === 'started') w.startedAt = m.at;
        if (m.type === 'connected') w.connectedAt = m.at;
        if (m.type === 'listed') w.listedAt = m.at;
      });
      workers.push(w);
    }
    await Promise.all(workers.map((w) => message(w, 'ready')));
    await phase('measure');
    const start = now();
    for (const w of workers) w.worker.postMessage({ type: 'go', start } satisfies ToStormWorker);
    const deadline = start + task.timeoutMs;
    const latest = (pick: (w: StormWorker) => number | undefined): number | null => {
      const times = workers.map(pick);
      return times.every((t) => t !== undefined) ? Math.max(...(times as number[])) - start : null;
    };
    while (now() < deadline && latest((w) => w.listedAt) === null) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const lastStartedMs = latest((w) => w.startedAt) ?? Number.NaN;
    const listedMs = latest((w) => w.listedAt);
    const connectedMs = latest((w) => w.connectedAt ?? w.listedAt);
    await phase('drain');
    // Presence may still be settling (a second delta window): let it, then count.
    await new Promise((r) => setTimeout(r, task.settleMs));
    const counts = await Promise.all(
      workers.map((w) => {
        const counted = message(w, 'counted');
        w.worker.postMessage({ type: 'count' } satisfies ToStormWorker);
        return counted;
      }),
    );
    const totalBytes = counts.reduce((t, c) => t + c.bytes, 0);
    return {
      kind: 'presenceStorm',
      clients: n,
      workers: threads,
      joinWindowMs: task.joinWindowMs,
      lastStartedMs,
      connectedMs,
      listedMs,
      listedClients: counts.reduce((t, c) => t + c.listedClients, 0),
      serverBytes: totalBytes,
      presenceBytes: counts.reduce((t, c) => t + c.presenceBytes, 0),
      bytesPerClient: totalBytes / n,
      converged: listedMs !== null,
    };
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}
