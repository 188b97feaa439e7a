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

  constructor(private readonly pid: number) {
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
    const s = readProc(this.pid);
    if (s && s.rssBytes > this.peakRssBytes) this.peakRssBytes = s.rssBytes;
    return s;
  }
}
