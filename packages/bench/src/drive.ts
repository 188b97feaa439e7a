import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuPercent, ProcSampler } from './procStats.js';
import type { InstanceProcFigures, ProcFigures } from './report.js';
import type { RunningServer } from './servers.js';
import type { LoadMessage, LoadResult, LoadTask } from './tasks.js';

const HERE = fileURLToPath(import.meta.url);
const LOAD_ENTRY = join(dirname(HERE), `load${HERE.endsWith('.ts') ? '.ts' : '.js'}`);
const MB = 1024 * 1024;

/** Load generators running now; killed with everything else when the run stops early. */
const liveLoads = new Set<ChildProcess>();

export function killAllLoads(): void {
  for (const child of liveLoads) child.kill('SIGKILL');
  liveLoads.clear();
}

/**
 * Forks the load generator for one task and samples the measured server processes at
 * each phase it reports. Several servers (instances of one deployment) are summed; the
 * Redis they share, when it runs on this machine, is sampled apart.
 */
export function drive(
  task: LoadTask,
  servers: RunningServer[],
  deadlineMs: number,
  loadFlags: string[],
  redisPid?: number,
): Promise<{ result: LoadResult; proc: ProcFigures }> {
  const serverSamplers = servers.map((s) => new ProcSampler(s.pid));
  const redisSampler = redisPid === undefined ? undefined : new ProcSampler(redisPid);
  const child = fork(LOAD_ENTRY, [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [...process.execArgv, ...loadFlags],
  });
  liveLoads.add(child);
  const loadSampler = new ProcSampler(child.pid!);
  const machineSampler = new ProcSampler('machine');
  const all = [...serverSamplers, loadSampler, machineSampler, ...(redisSampler ? [redisSampler] : [])];
  const finish = () => {
    for (const s of all) s.stop();
    liveLoads.delete(child);
  };
  return new Promise<{ result: LoadResult; proc: ProcFigures }>((resolvePromise, reject) => {
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    const timer = setTimeout(
      () => fail(new Error(`load generator did not finish within ${deadlineMs} ms`)),
      deadlineMs,
    );
    child.on('message', (m: LoadMessage) => {
      if (m.type === 'phase') {
        for (const s of all) s.mark(m.phase);
      } else if (m.type === 'error') {
        fail(new Error(m.message));
      } else if (!settled) {
        settled = true;
        clearTimeout(timer);
        resolvePromise({
          result: m.result,
          proc: procFigures(serverSamplers, loadSampler, machineSampler, redisSampler, m.result),
        });
      }
    });
    child.on('exit', (code, signal) => fail(new Error(`load generator exited (${code ?? signal}) without a result`)));
    child.send(task);
  }).finally(finish);
}

function instanceFigures(server: ProcSampler): InstanceProcFigures {
  const connect = server.get('connect');
  const measure = server.get('measure');
  return {
    cpuConnectPct: cpuPercent(connect, measure),
    cpuMeasurePct: cpuPercent(measure, server.get('drain')),
    rssBeforeMB: (connect?.rssBytes ?? NaN) / MB,
    rssAfterConnectMB: (measure?.rssBytes ?? NaN) / MB,
    rssPeakMB: server.peakRssBytes / MB,
  };
}

function procFigures(
  servers: ProcSampler[],
  load: ProcSampler,
  machine: ProcSampler,
  redis: ProcSampler | undefined,
  result: LoadResult,
): ProcFigures {
  const instances = servers.map(instanceFigures);
  const sum = (pick: (f: InstanceProcFigures) => number) => instances.reduce((total, f) => total + pick(f), 0);
  const clients =
    result.kind === 'fanout' || result.kind === 'hostile'
      ? result.clients
      : result.kind === 'voteStorm'
        ? result.voters + 1
        : result.kind === 'presenceStorm'
          ? result.clients
          : 0;
  const serverPct = sum((f) => f.cpuMeasurePct);
  const loadPct = cpuPercent(load.get('measure'), load.get('drain'));
  const redisPct = redis ? cpuPercent(redis.get('measure'), redis.get('drain')) : undefined;
  const rssGrowthMB = sum((f) => f.rssAfterConnectMB - f.rssBeforeMB);
  return {
    cpuConnectPct: sum((f) => f.cpuConnectPct),
    cpuMeasurePct: serverPct,
    rssBeforeMB: sum((f) => f.rssBeforeMB),
    rssAfterConnectMB: sum((f) => f.rssAfterConnectMB),
    // Several instances: the sum of each one's peak, an upper bound of their joint peak.
    rssPeakMB: sum((f) => f.rssPeakMB),
    kbPerConn: clients > 0 ? (rssGrowthMB * 1024) / clients : NaN,
    loadCpuMeasurePct: loadPct,
    // Redis serves the deployment under test: its CPU is not someone else's noise.
    otherCpuMeasurePct:
      cpuPercent(machine.get('measure'), machine.get('drain')) -
      serverPct -
      loadPct -
      (redisPct !== undefined && Number.isFinite(redisPct) ? redisPct : 0),
    ...(servers.length > 1 ? { instances } : {}),
    ...(redis ? { redisCpuMeasurePct: redisPct } : {}),
  };
}
