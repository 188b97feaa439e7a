/**
 * The misbehaving client of test/faults.test.ts, in a process of its own: the test's
 * process only measures the well-behaved clients, so its latency figures are the
 * server's, not those of the flood's own event loop.
 *
 * Run as `node --import tsx floodProcess.ts` with FLOOD_TARGET set to the JSON of a
 * FloodTarget; prints one line, the JSON of a FloodResult, and exits.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SOCKET_EVENT_RATE, YJS_MESSAGE_RATE } from '@roundtable/protocol';
import {
  engineGarbage,
  socketEventFlood,
  socketForged,
  socketOversized,
  yjsForged,
  yjsFrameFlood,
  yjsMalformed,
  yjsOversized,
  type SocketFloodResult,
} from './badClient.js';

export interface FloodTarget {
  url: string;
  wsUrl: string;
  docName: string;
  /** The bad client's own, valid token: it is a participant gone rogue. */
  token: string;
}

/** How much of each kind the flood sends: a few thousand messages in all. */
export const FLOOD = {
  malformedYjsConnections: 600,
  forgedYjsConnections: 600,
  oversizedYjsFrames: 5,
  /** Frames on one connection: four buckets' worth. */
  floodedYjsFrames: YJS_MESSAGE_RATE.burst * 4,
  forgedSockets: 200,
  /** socket.io events on one connection: ten buckets' worth. */
  floodedSocketEvents: SOCKET_EVENT_RATE.burst * 10,
  engineGarbageConnections: 60,
  /** Connections the bad client keeps open at once. */
  concurrency: 20,
} as const;

export interface FloodResult {
  durationMs: number;
  malformed: number[];
  forged: number[];
  oversized: number[];
  frameFlood: number;
  forgedSocketsRefused: number;
  eventFlood: SocketFloodResult;
  oversizedEvent: string;
  engineGarbage: number[];
}

async function flood(t: FloodTarget): Promise<FloodResult> {
  const start = performance.now();
  const c = FLOOD.concurrency;
  const [malformed, forged, oversized, frameFlood, forgedSocketsRefused, eventFlood, oversizedEvent, engine] =
    await Promise.all([
      yjsMalformed(t.wsUrl, t.docName, t.token, FLOOD.malformedYjsConnections, c),
      yjsForged(t.wsUrl, t.docName, t.token, FLOOD.forgedYjsConnections, c),
      yjsOversized(t.wsUrl, t.docName, t.token, FLOOD.oversizedYjsFrames),
      yjsFrameFlood(t.wsUrl, t.docName, t.token, FLOOD.floodedYjsFrames),
      socketForged(t.url, t.token, FLOOD.forgedSockets, c / 2),
      socketEventFlood(t.url, t.token, FLOOD.floodedSocketEvents),
      socketOversized(t.url, t.token),
      engineGarbage(t.wsUrl, t.token, FLOOD.engineGarbageConnections, c / 2),
    ]);
  return {
    durationMs: performance.now() - start,
    malformed,
    forged,
    oversized,
    frameFlood,
    forgedSocketsRefused,
    eventFlood,
    oversizedEvent,
    engineGarbage: engine,
  };
}

/** Runs the flood against `target` from a child process and resolves with what it saw. */
export function runFloodProcess(target: FloodTarget): Promise<FloodResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    // From the server package, where tsx is installed.
    cwd: join(dirname(fileURLToPath(import.meta.url)), '..', '..'),
    env: { ...process.env, FLOOD_TARGET: JSON.stringify(target) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`flood process exited ${code}: ${err}`));
      const line = out.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(line) as FloodResult);
      } catch {
        reject(new Error(`flood process printed no result: ${out}${err}`));
      }
    });
  });
}

if (process.env.FLOOD_TARGET && process.argv[1] === fileURLToPath(import.meta.url)) {
  flood(JSON.parse(process.env.FLOOD_TARGET) as FloodTarget).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
}
