import type { ScenarioId } from './scenarios.js';
import type { LoadResult, ServerKind } from './tasks.js';

/** The server's (and load generator's) resource use during one case, from /proc. */
export interface ProcFigures {
  /** % of one core while connecting, and while measuring (writing or late joins). */
  cpuConnectPct: number;
  cpuMeasurePct: number;
  rssBeforeMB: number;
  rssAfterConnectMB: number;
  rssPeakMB: number;
  /** (RSS after connect - RSS before) / clients, in KB; fan-out scenarios only. */
  kbPerConn: number;
  /** The load generator's CPU while measuring: near 100 % means it may be the bottleneck. */
  loadCpuMeasurePct: number;
  /**
   * CPU used while measuring by everything else on the machine (other processes,
   * the kernel's softirq work for loopback): high values make the figures noisy.
   */
  otherCpuMeasurePct: number;
  /** The whole machine's CPU just before the case (full runs wait for it to be quiet). */
  machineBusyBeforePct?: number;
}

export interface CaseRecord {
  scenario: ScenarioId;
  /** Clients (fan-out, followers) or edits (late join). */
  n: number;
  server: ServerKind | '-';
  /** `n/a`: the scenario does not apply to this server (the reference has no votes). */
  status: 'ok' | 'error' | 'unavailable' | 'n/a';
  error?: string;
  result?: LoadResult;
  proc?: ProcFigures;
  durationMs?: number;
  /** Times the case was run; the quietest attempt (least CPU used by others) is kept. */
  attempts?: number;
}

/** Roundtable / reference for one scenario and size; below 1 means Roundtable does better. */
export interface Comparison {
  scenario: ScenarioId;
  n: number;
  p50: number;
  p99: number;
  kbPerConn: number;
}

export interface TargetCheck {
  target: string;
  status: 'met' | 'missed' | 'not available yet' | 'not measured';
  detail: string;
}

export function compare(cases: CaseRecord[]): Comparison[] {
  const out: Comparison[] = [];
  for (const rt of cases) {
    if (rt.server !== 'roundtable' || rt.status !== 'ok') continue;
    const ref = cases.find((c) => c.server === 'reference' && c.scenario === rt.scenario && c.n === rt.n && c.status === 'ok');
    if (!ref) continue;
    const a = latencyOf(rt);
    const b = latencyOf(ref);
    out.push({
      scenario: rt.scenario,
      n: rt.n,
      p50: a.p50 / b.p50,
      p99: a.p99 / b.p99,
      kbPerConn: positiveRatio(rt.proc?.kbPerConn, ref.proc?.kbPerConn),
    });
  }
  return out;
}

/** Delivery latency (fan-out), join time (late join) or ack latency (vote storm). */
export function latencyOf(c: CaseRecord): { p50: number; p95: number; p99: number; max: number } {
  const r = c.result;
  if (!r) return { p50: NaN, p95: NaN, p99: NaN, max: NaN };
  return r.kind === 'fanout' ? r.latency : r.kind === 'lateJoin' ? r.join : r.ack;
}

/** The targets of issue #6, checked against this run's figures (never a CI failure). */
export function checkTargets(cases: CaseRecord[], comparisons: Comparison[]): TargetCheck[] {
  const get = (scenario: ScenarioId, n: number, server: ServerKind) =>
    cases.find((c) => c.scenario === scenario && c.n === n && c.server === server && c.status === 'ok');
  const cmp = (scenario: ScenarioId, n: number) => comparisons.find((c) => c.scenario === scenario && c.n === n);
  const checks: TargetCheck[] = [];

  const fan = cmp('fanout', 500);
  const fanRt = get('fanout', 500, 'roundtable');
  const fanRef = get('fanout', 500, 'reference');
  checks.push(
    fan && fanRt && fanRef
      ? {
          target: 'Fan-out N=500: p99 no worse than the reference',
          status: fan.p99 <= 1 ? 'met' : 'missed',
          detail: `Roundtable ${ms(latencyOf(fanRt).p99)} ms vs reference ${ms(latencyOf(fanRef).p99)} ms (x${fan.p99.toFixed(2)})`,
        }
      : { target: 'Fan-out N=500: p99 no worse than the reference', status: 'not measured', detail: 'no N=500 pair in this run' },
  );

  const fol = get('followers', 2_000, 'roundtable');
  if (fol?.result?.kind === 'fanout') {
    const p99 = fol.result.latency.p99;
    const kb = fol.proc?.kbPerConn ?? NaN;
    checks.push({
      target: 'Followers N=2,000 (1,800 observers): p99 <= 100 ms',
      status: p99 <= 100 ? 'met' : 'missed',
      detail: `p99 ${ms(p99)} ms`,
    });
    checks.push({
      target: 'Followers N=2,000: <= 20 KB server memory per observer connection',
      status: kb <= 20 ? 'met' : 'missed',
      detail: `${kb.toFixed(1)} KB per connection (RSS growth / connections)`,
    });
  } else {
    checks.push({ target: 'Followers N=2,000: p99 <= 100 ms and <= 20 KB per connection', status: 'not measured', detail: 'no N=2,000 followers run' });
  }

  const storm = get('voteStorm', 1_000, 'roundtable');
  const stormTarget = 'Vote storm N=1,000 within 1 s: ack p99 <= 250 ms, every ack after a durable write, tally exact';
  if (storm?.result?.kind === 'voteStorm') {
    const r = storm.result;
    const after = r.afterRestart && 'exact' in r.afterRestart ? (r.afterRestart.exact ? 'exact' : 'NOT exact') : 'not checked';
    checks.push({
      target: stormTarget,
      status: r.ack.p99 <= 250 && r.converged ? 'met' : 'missed',
      detail: `ack p50 ${ms(r.ack.p50)} ms, p99 ${ms(r.ack.p99)} ms; ${r.acked}/${r.voters} acked; stored tally ${r.tallyExact ? 'exact' : 'NOT exact'}, after kill -9 and restart ${after}`,
    });
  } else {
    checks.push({ target: stormTarget, status: 'not measured', detail: 'no N=1,000 vote storm in this run' });
  }

  const late = cmp('lateJoin', 100_000);
  const lateRt = get('lateJoin', 100_000, 'roundtable');
  const lateRef = get('lateJoin', 100_000, 'reference');
  checks.push(
    late && lateRt && lateRef
      ? {
          target: 'Late join of a 100k-edit draft: p50 no slower than the reference',
          status: late.p50 <= 1 ? 'met' : 'missed',
          detail: `Roundtable ${ms(latencyOf(lateRt).p50)} ms vs reference ${ms(latencyOf(lateRef).p50)} ms (x${late.p50.toFixed(2)})`,
        }
      : { target: 'Late join of a 100k-edit draft', status: 'not measured', detail: 'no 100k pair in this run' },
  );

  checks.push({ target: 'Two instances: p99 <= 1.5x one instance', status: 'not available yet', detail: 'the bench does not run two instances yet' });
  return checks;
}

const ms = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : '-');
const num = (v: number | undefined, digits = 0) => (v !== undefined && Number.isFinite(v) ? v.toFixed(digits) : '-');
const ratio = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? `x${v.toFixed(2)}` : '-');

const HEADERS = [
  'scenario',
  'N',
  'server',
  'conn+sync ms',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'max ms',
  'deliv/s',
  'CPU %',
  'load CPU %',
  'other CPU %',
  'RSS MB',
  'KB/conn',
  'converged',
  'p50 RT/ref',
  'p99 RT/ref',
  'mem RT/ref',
];

/** One row per case: fan-out rows show delivery latency, late-join rows the fresh client's sync time. */
export function tableRows(cases: CaseRecord[], comparisons: Comparison[]): string[][] {
  return cases.map((c) => {
    const size = c.status === 'unavailable' ? '-' : c.scenario === 'lateJoin' ? `${c.n / 1000}k edits` : String(c.n);
    const head = [c.scenario, size, c.server];
    if (c.status !== 'ok') {
      // The reasons are long; they are printed under the table.
      const why = c.status === 'unavailable' ? 'not available yet' : c.status === 'n/a' ? 'n/a (no votes)' : 'ERROR (see below)';
      return [...head, why, ...HEADERS.slice(head.length + 1).map(() => '')];
    }
    const r = c.result!;
    const p = c.proc;
    const cmp = c.server === 'roundtable' ? comparisons.find((x) => x.scenario === c.scenario && x.n === c.n) : undefined;
    const lat = latencyOf(c);
    const isFanout = r.kind === 'fanout';
    if (r.kind === 'voteStorm') {
      // conn+sync: socket.io connects; deliv/s: acks/s over the storm; converged: the stored tally is exact.
      const after = r.afterRestart && 'exact' in r.afterRestart && !r.afterRestart.exact ? ', lost on restart' : '';
      return [
        ...head,
        ms(r.connectMs),
        ms(lat.p50),
        ms(lat.p95),
        ms(lat.p99),
        ms(lat.max),
        num(r.acked / (Math.max(1, r.stormMs) / 1000)),
        num(p?.cpuMeasurePct),
        num(p?.loadCpuMeasurePct),
        num(p?.otherCpuMeasurePct),
        num(p?.rssPeakMB, 1),
        num(p?.kbPerConn, 1),
        r.converged ? 'tally exact' : `NO (${r.acked}/${r.voters} acked, tally ${r.tallyExact ? 'exact' : 'wrong'}${after})`,
        '',
        '',
        '',
      ];
    }
    return [
      ...head,
      isFanout ? ms(r.connectSyncMs) : `first ${ms(r.firstJoinMs)}`,
      ms(lat.p50),
      ms(lat.p95),
      ms(lat.p99),
      ms(lat.max),
      isFanout ? num(r.deliveriesPerSec) : '-',
      num(p?.cpuMeasurePct),
      num(p?.loadCpuMeasurePct),
      num(p?.otherCpuMeasurePct),
      num(p?.rssPeakMB, 1),
      isFanout ? num(p?.kbPerConn, 1) : '-',
      isFanout ? (r.converged ? 'yes' : `NO (${r.expectedDeliveries - r.delivered} lost)`) : r.converged ? 'yes' : 'NO',
      cmp ? ratio(cmp.p50) : '',
      cmp ? ratio(cmp.p99) : '',
      cmp && isFanout ? ratio(cmp.kbPerConn) : '',
    ];
  });
}

/** A plain-text table (also valid Markdown), columns padded to width. */
export function formatTable(rows: string[][]): string {
  const all = [HEADERS, ...rows];
  const widths = HEADERS.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(HEADERS), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function formatTargets(checks: TargetCheck[]): string {
  return checks.map((t) => `- ${t.target}: **${t.status}** (${t.detail})`).join('\n');
}

/** Memory growth of a few connections is within noise and may be negative: no ratio then. */
function positiveRatio(a: number | undefined, b: number | undefined): number {
  return a !== undefined && b !== undefined && a > 0 && b > 0 ? a / b : NaN;
}
