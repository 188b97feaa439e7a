import { SCENARIOS, type ScenarioId } from './scenarios.js';
import type { HostileResult, LoadResult, PresenceStormResult, ServerKind } from './tasks.js';

/** Issue #6: spreading the clients over two instances may cost at most this much p99 latency. */
export const TWO_INSTANCES_MAX_P99_RATIO = 1.5;

/** One server process's resource use during one case (a scale-out case has several). */
export interface InstanceProcFigures {
  cpuConnectPct: number;
  cpuMeasurePct: number;
  rssBeforeMB: number;
  rssAfterConnectMB: number;
  rssPeakMB: number;
}

/**
 * The server's (and load generator's) resource use during one case, from /proc. With
 * several instances the server figures are their sums (see `instances`).
 */
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
  /** Several instances: each one's figures, in the order of `CaseRecord.instances` (A, B). */
  instances?: InstanceProcFigures[];
  /**
   * Scale-out cases: Redis's CPU while measuring (% of one core) when it runs on this
   * machine; it counts everyone's use of that Redis, not only this deployment's.
   */
  redisCpuMeasurePct?: number;
}

export interface CaseRecord {
  scenario: ScenarioId;
  /** Clients (fan-out, followers) or edits (late join). */
  n: number;
  server: ServerKind | '-';
  /**
   * Two-instance scenario: Roundtable processes of one deployment (PostgreSQL + Redis)
   * the clients were spread over, 1 or 2; unset elsewhere (one process, SQLite).
   */
  instances?: number;
  /** Two-instance scenario: where its deployment lived (dropped after the case). */
  deployment?: { redisPrefix: string; databaseSchema: string };
  /** `n/a`: the scenario does not apply to this server (the reference has no votes). */
  status: 'ok' | 'error' | 'unavailable' | 'n/a';
  error?: string;
  /** A few words for the table when the case failed; default "ERROR (see below)". */
  errorCell?: string;
  result?: LoadResult;
  proc?: ProcFigures;
  durationMs?: number;
  /** Times the case was run; the quietest attempt (least CPU used by others) is kept. */
  attempts?: number;
  /**
   * Cases run in several rounds (`BenchConfig.rounds`): the key figure of each round, in
   * order; the record is the round with the median figure.
   */
  rounds?: { figure: string; values: number[] };
}

/**
 * Roundtable / reference for one scenario and size (below 1: Roundtable does better); for
 * the two-instance scenario, two instances / one instance (below 1: two do better).
 */
export interface Comparison {
  scenario: ScenarioId;
  n: number;
  baseline: 'reference' | 'one instance';
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
    if (rt.server !== 'roundtable' || rt.status !== 'ok' || rt.instances === 1) continue;
    const scaledOut = rt.instances !== undefined;
    const ref = cases.find(
      (c) =>
        c.scenario === rt.scenario &&
        c.n === rt.n &&
        c.status === 'ok' &&
        (scaledOut ? c.server === 'roundtable' && c.instances === 1 : c.server === 'reference'),
    );
    if (!ref) continue;
    const a = latencyOf(rt);
    const b = latencyOf(ref);
    out.push({
      scenario: rt.scenario,
      n: rt.n,
      baseline: scaledOut ? 'one instance' : 'reference',
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
  if (r.kind === 'presenceStorm') {
    const listed = r.listedMs ?? NaN;
    return { p50: listed, p95: listed, p99: listed, max: listed };
  }
  return r.kind === 'fanout' || r.kind === 'hostile' ? r.latency : r.kind === 'lateJoin' ? r.join : r.ack;
}

/** The targets of issue #6, checked against this run's figures (never a CI failure). */
export function checkTargets(cases: CaseRecord[], comparisons: Comparison[]): TargetCheck[] {
  const get = (scenario: ScenarioId, n: number, server: ServerKind) =>
    cases.find((c) => c.scenario === scenario && c.n === n && c.server === server && c.status === 'ok');
  // Pairs against the reference; the two-instance scenario's pairs are checked at the end.
  const refPairs = comparisons.filter((c) => c.baseline === 'reference');
  const cmp = (scenario: ScenarioId, n: number) => refPairs.find((c) => c.scenario === scenario && c.n === n);
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
      : {
          target: 'Fan-out N=500: p99 no worse than the reference',
          status: 'not measured',
          detail: 'no N=500 pair in this run',
        },
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
    checks.push({
      target: 'Followers N=2,000: p99 <= 100 ms and <= 20 KB per connection',
      status: 'not measured',
      detail: 'no N=2,000 followers run',
    });
  }

  const storm = get('voteStorm', 1_000, 'roundtable');
  const stormTarget = 'Vote storm N=1,000 within 1 s: ack p99 <= 250 ms, every ack after a durable write, tally exact';
  if (storm?.result?.kind === 'voteStorm') {
    const r = storm.result;
    const after =
      r.afterRestart && 'exact' in r.afterRestart ? (r.afterRestart.exact ? 'exact' : 'NOT exact') : 'not checked';
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

  checks.push(...twoInstanceChecks(cases, comparisons));
  checks.push(...hostileChecks(cases));
  checks.push(...presenceStormChecks(cases));
  return checks;
}

/**
 * Issue #15: 2,000 socket.io clients joining within 1 s are all connected and listed in
 * <= 2 s (the configured target), and the server's output per client grows linearly with N:
 * each client needs the N names once, so the total can be no better than N x N entries.
 */
export function presenceStormChecks(cases: CaseRecord[], targetMs = 2_000): TargetCheck[] {
  const runs = cases
    .filter((c) => c.scenario === 'presenceStorm' && c.status === 'ok' && c.result?.kind === 'presenceStorm')
    .sort((a, b) => a.n - b.n);
  const target = `Presence storm: N clients joining within 1 s all connected and listed in <= ${targetMs} ms`;
  if (runs.length === 0) return [{ target, status: 'not measured', detail: 'no presence storm run' }];
  const checks: TargetCheck[] = runs.map((c) => {
    const r = c.result as PresenceStormResult;
    return {
      target: `${target} (N=${c.n})`,
      status: r.converged && (r.listedMs ?? Infinity) <= targetMs ? 'met' : 'missed',
      detail: presenceStormDetail(r),
    };
  });
  if (runs.length >= 2) {
    const [small, large] = [runs[0]!.result as PresenceStormResult, runs.at(-1)!.result as PresenceStormResult];
    // Per client linear in N: bytes per client per listed person stays about the same.
    const perPerson = (r: PresenceStormResult) => r.bytesPerClient / r.clients;
    const growth = perPerson(large) / perPerson(small);
    checks.push({
      target: 'Presence storm: server output per client linear in N (bytes per client per person within 1.5x)',
      status: growth <= 1.5 ? 'met' : 'missed',
      detail: `N=${small.clients}: ${num(perPerson(small), 1)} B, N=${large.clients}: ${num(perPerson(large), 1)} B per client per person (x${growth.toFixed(2)})`,
    });
  }
  return checks;
}

/** The presence storm's figures in one line. */
export function presenceStormDetail(r: PresenceStormResult): string {
  const listed = r.listedMs === null ? 'NOT all listed' : `all listed in ${ms(r.listedMs)} ms`;
  const connected = r.connectedMs === null ? 'NOT all connected' : `connected in ${ms(r.connectedMs)} ms`;
  return `${r.clients} clients (${r.workers} load threads) started within ${ms(r.lastStartedMs)} ms, ${connected}, ${listed} (${r.listedClients}/${r.clients} complete); server sent ${(r.serverBytes / 1024 / 1024).toFixed(2)} MiB (${num(r.bytesPerClient / 1024, 1)} KiB per client, ${num(r.bytesPerClient / r.clients, 1)} B per client per person; presence messages ${(r.presenceBytes / 1024 / 1024).toFixed(2)} MiB)`;
}

/**
 * Issue #11: a flooding participant stalls no one: the server's event loop never waits over
 * 50 ms (measured inside it; the /healthz probe when it was not recorded), and the other
 * session's p99 stays within 1.5x its quiet run.
 */
export function hostileChecks(cases: CaseRecord[]): TargetCheck[] {
  const target =
    "Hostile participant: server's longest event-loop stall <= 50 ms, other session p99 <= 1.5x its quiet run";
  const runs = cases.filter((c) => c.scenario === 'hostile' && c.status === 'ok' && c.result?.kind === 'hostile');
  if (runs.length === 0) return [{ target, status: 'not measured', detail: 'no hostile run' }];
  return runs.map((c) => {
    const r = c.result as HostileResult;
    const ratio = r.latency.p99 / r.quiet.latency.p99;
    return {
      target: `${target} (N=${c.n})`,
      status: attackedStallMs(r) <= 50 && ratio <= 1.5 && r.converged ? 'met' : 'missed',
      detail: hostileDetail(r),
    };
  });
}

/** The attacked run's longest stall: the server's own figure, else the probe's bound. */
function attackedStallMs(r: HostileResult): number {
  return Number.isFinite(r.attackedLoopMaxMs) ? r.attackedLoopMaxMs! : r.attackedHealthzMaxMs;
}

/** The hostile scenario's figures in one line. */
export function hostileDetail(r: HostileResult): string {
  const closes =
    Object.entries(r.flood.closes)
      .map(([code, n]) => `${code} x${n}`)
      .join(', ') || 'none';
  return `other session p99 ${ms(r.latency.p99)} ms attacked vs ${ms(r.quiet.latency.p99)} ms quiet (x${(r.latency.p99 / r.quiet.latency.p99).toFixed(2)}); server's longest loop stall ${ms(r.attackedLoopMaxMs ?? Number.NaN)} ms attacked vs ${ms(r.quietLoopMaxMs ?? Number.NaN)} ms quiet; longest /healthz from the load process ${ms(r.attackedHealthzMaxMs)} ms attacked vs ${ms(r.quietHealthzMaxMs)} ms quiet; flood ${r.flood.framesSent} frames, ${r.flood.mbSent.toFixed(0)} MiB on ${r.flood.connections} connections, closed ${closes}`;
}

/** One check per size measured with one and with two instances. */
function twoInstanceChecks(cases: CaseRecord[], comparisons: Comparison[]): TargetCheck[] {
  const target = (n?: number) =>
    `Two instances${n === undefined ? '' : ` N=${n.toLocaleString('en-US')}`}: p99 <= ${TWO_INSTANCES_MAX_P99_RATIO}x one instance`;
  const ran = cases.filter((c) => c.scenario === 'twoInstances' && c.server === 'roundtable');
  const sizes = [...new Set(ran.map((c) => c.n))];
  if (sizes.length === 0) return [{ target: target(), status: 'not measured', detail: 'no two-instance run' }];
  return sizes.map((n) => {
    const one = ran.find((c) => c.n === n && c.instances === 1);
    const two = ran.find((c) => c.n === n && c.instances === 2);
    const pair = comparisons.find((c) => c.scenario === 'twoInstances' && c.n === n && c.baseline === 'one instance');
    if (!pair || !one || !two) {
      const failed = new Set([one, two].filter((c) => c && c.status !== 'ok').map((c) => c!.error));
      return { target: target(n), status: 'not measured', detail: [...failed].join('; ') || 'no pair in this run' };
    }
    const [a, b] = [latencyOf(two), latencyOf(one)];
    const converged = two.result?.converged === true && one.result?.converged === true;
    return {
      target: target(n),
      status: pair.p99 <= TWO_INSTANCES_MAX_P99_RATIO && converged ? 'met' : 'missed',
      detail:
        `2 instances p99 ${ms(a.p99)} ms vs 1 instance ${ms(b.p99)} ms (x${pair.p99.toFixed(2)}); ` +
        `p50 ${ms(a.p50)} vs ${ms(b.p50)} ms; server CPU ${num(two.proc?.cpuMeasurePct)} % (both instances) vs ${num(one.proc?.cpuMeasurePct)} %` +
        (converged ? '' : '; NOT converged'),
    };
  });
}

/** The server column: the two-instance scenario's cases are told apart by their instances. */
function instancesLabel(c: CaseRecord): string {
  if (c.instances === undefined) return c.server;
  return c.instances === 1 ? '1 instance' : `${c.instances} instances`;
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
  'p50 ratio',
  'p99 ratio',
  'mem ratio',
];

/** Printed under the table: what the ratio columns divide. */
export const RATIO_LEGEND =
  'ratios: Roundtable / reference; twoInstances: 2 instances / 1 instance (below 1 is better for the first)';

/** One row per case: fan-out rows show delivery latency, late-join rows the fresh client's sync time. */
export function tableRows(cases: CaseRecord[], comparisons: Comparison[]): string[][] {
  return cases.map((c) => {
    const size = c.status === 'unavailable' ? '-' : c.scenario === 'lateJoin' ? `${c.n / 1000}k edits` : String(c.n);
    const head = [c.scenario, size, instancesLabel(c)];
    if (c.status !== 'ok') {
      // The reasons are long; they are printed under the table.
      const na = SCENARIOS.find((s) => s.id === c.scenario)?.roundtableOnly?.cell;
      const why =
        c.status === 'unavailable'
          ? 'not available yet'
          : c.status === 'n/a'
            ? `n/a (${na ?? 'does not apply'})`
            : (c.errorCell ?? 'ERROR (see below)');
      return [...head, why, ...HEADERS.slice(head.length + 1).map(() => '')];
    }
    const r = c.result!;
    const p = c.proc;
    // Ratios on the row of the case divided: Roundtable's, or the two-instance one.
    const cmp =
      c.server === 'roundtable' && c.instances !== 1
        ? comparisons.find((x) => x.scenario === c.scenario && x.n === c.n)
        : undefined;
    const lat = latencyOf(c);
    const isFanout = r.kind === 'fanout' || r.kind === 'hostile';
    if (r.kind === 'presenceStorm') {
      // conn+sync: all connected; p50..max: all listed; deliv/s: KiB sent per client.
      return [
        ...head,
        ms(r.connectedMs ?? NaN),
        ms(lat.p50),
        ms(lat.p95),
        ms(lat.p99),
        ms(lat.max),
        `${num(r.bytesPerClient / 1024, 1)} KiB/cl`,
        num(p?.cpuMeasurePct),
        num(p?.loadCpuMeasurePct),
        num(p?.otherCpuMeasurePct),
        num(p?.rssPeakMB, 1),
        num(p?.kbPerConn, 1),
        r.converged ? 'all listed' : `NO (${r.listedClients}/${r.clients})`,
        '',
        '',
        '',
      ];
    }
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
        r.converged
          ? 'tally exact'
          : `NO (${r.acked}/${r.voters} acked, tally ${r.tallyExact ? 'exact' : 'wrong'}${after})`,
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
