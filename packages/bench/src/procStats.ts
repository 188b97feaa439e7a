import { readFileSync } from 'node:fs';

/** Linux reports CPU time in clock ticks; USER_HZ is 100 on every mainstream kernel. */
const CLOCK_TICKS_PER_SECOND = 100;
const SAMPLE_INTERVAL_MS = 200;

export interface ProcSnapshot {
  /** Absolute ms (Date.now()). */
  at: number;
  /** User + system CPU time so far, in seconds. */
  cpuSeconds: number;
  rssBytes: number;
}

/** One process's CPU time and RSS from /proc, or undefined once it has exited. */
export function readProc(pid: number): ProcSnapshot | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 here (0-based: 11, 12).
    const ticks = Number(fields[11]) + Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
    return { at: Date.now(), cpuSeconds: ticks / CLOCK_TICKS_PER_SECOND, rssBytes: rssKb * 1024 };
  } catch {
    return undefined;
  }
}

/**
 * CPU time used by the whole machine so far (all processes, all cores), as a
 * snapshot with rssBytes 0: what others run meanwhile shows in the figures.
 */
export function readMachine(): ProcSnapshot | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    // cpu user nice system idle iowait irq softirq steal ...
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    const busy = ticks.slice(0, 8).reduce((a, b) => a + b, 0) - ticks[3]! - ticks[4]!;
    return { at: Date.now(), cpuSeconds: busy / CLOCK_TICKS_PER_SECOND, rssBytes: 0 };
  } catch {
    return undefined;
  }
}

/** CPU use between two snapshots, in % of one core (200 % = both cores of this machine). */
export function cpuPercent(from: ProcSnapshot | undefined, to: ProcSnapshot | undefined): number {
  if (!from || !to || to.at <= from.at) return NaN;
  return (100 * (to.cpuSeconds - from.cpuSeconds)) / ((to.at - from.at) / 1000);
}

/**
 * Samples a process while a scenario runs: the peak RSS between samples, and
 * named snapshots taken when the load generator reports a phase.
 */
export class ProcSampler {
  private readonly timer: NodeJS.Timeout;
  private readonly marks = new Map<string, ProcSnapshot>();
  peakRssBytes = 0;

  /** A process id, or 'machine' for the whole machine's CPU. */
  constructor(private readonly pid: number | 'machine') {
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_INTERVAL_MS);
    this.timer.unref();
  }

  mark(name: string): ProcSnapshot | undefined {
    const s = this.sample();
    if (s) this.marks.set(name, s);
    return s;
  }

  get(name: string): ProcSnapshot | undefined {
    return this.marks.get(name);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): ProcSnapshot | undefined {
    const s = this.pid === 'machine' ? readMachine() : readProc(this.pid);
    if (s && s.rssBytes > this.peakRssBytes) this.peakRssBytes = s.rssBytes;
    return s;
  }
}

/**
 * The machine may be shared (other people's builds and tests): before a case, wait
 * until it has been nearly idle for one window, at most `maxWaitMs`. Returns the
 * CPU use (% of one core) of the last window, for the record.
 */
export async function waitForQuietMachine(maxWaitMs: number, quietPct = 25, windowMs = 1_000): Promise<number> {
  const deadline = Date.now() + maxWaitMs;
  for (;;) {
    const from = readMachine();
    await new Promise((r) => setTimeout(r, windowMs));
    const busy = cpuPercent(from, readMachine());
    if (!(busy > quietPct) || Date.now() >= deadline) return busy;
  }
}
