/**
 * Preloaded into a benchmarked Roundtable server (`node --import`), never in production: the
 * server's own event-loop delay, in windows of WINDOW_MS, appended to $BENCH_LOOP_FILE as
 * "<epoch ms at the window's end> <longest delay in the window, ms>" lines. The hostile
 * scenario reads the windows of its quiet and attacked runs (run.ts, loopStall.ts): a stall
 * measured inside the server, which a probe's round trip from the busy load process is not.
 */
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** LOOP_WINDOW_MS in loopStall.ts. */
const WINDOW_MS = 250;
const file = process.env.BENCH_LOOP_FILE;
if (file) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  setInterval(() => {
    appendFileSync(file, `${Date.now()} ${(delay.max / 1e6).toFixed(2)}\n`);
    delay.reset();
  }, WINDOW_MS).unref();
}
