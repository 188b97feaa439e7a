import { readFileSync } from 'node:fs';

/** A stretch of wall-clock time (epoch ms) one run of a scenario took. */
export interface TimeWindow {
  from: number;
  to: number;
}

/** The node flags and environment that make a server record its loop delay into `file`. */
export function loopMonitorOptions(file: string): { nodeFlags: string[]; env: Record<string, string> } {
  return {
    nodeFlags: [`--import=${new URL('./loopMonitor.mjs', import.meta.url).href}`],
    env: { BENCH_LOOP_FILE: file },
  };
}

/** How long each recorded window is (WINDOW_MS in loopMonitor.mjs). */
export const LOOP_WINDOW_MS = 250;

/**
 * The longest event-loop delay the server recorded within `window`: every window of
 * loopMonitor.mjs that overlaps it (a window's line is stamped at its end). NaN when none was
 * recorded (the preload did not run).
 */
export function longestStallMs(lines: string, window: TimeWindow): number {
  let longest = Number.NaN;
  for (const line of lines.split('\n')) {
    const [at, ms] = line.split(' ').map(Number);
    if (at === undefined || ms === undefined || !Number.isFinite(at) || !Number.isFinite(ms)) continue;
    if (at <= window.from || at - LOOP_WINDOW_MS >= window.to) continue;
    longest = Number.isNaN(longest) ? ms : Math.max(longest, ms);
  }
  return longest;
}

/** Reads a server's loop-delay file for `window` (NaN when it has none). */
export function readLongestStallMs(file: string, window: TimeWindow): number {
  try {
    return longestStallMs(readFileSync(file, 'utf8'), window);
  } catch {
    return Number.NaN;
  }
}
