import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { serviceUrls } from './deployment.js';
import type { CaseRecord, TargetCheck } from './report.js';
import { ROUNDTABLE_MAIN } from './servers.js';

const benchRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The smoke run is under a minute; past this, something hangs. */
const SMOKE_TIMEOUT_MS = 150_000;

/**
 * Runs `pnpm bench --smoke` end to end, so the bench keeps working. It checks that
 * every figure is there and that the documents converged; it never checks timings.
 */
describe('bench smoke run', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'rt-bench-smoke-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('runs every available scenario against both servers and writes the JSON', () => {
    if (!existsSync(ROUNDTABLE_MAIN)) {
      throw new Error(
        `${ROUNDTABLE_MAIN} is missing: run \`pnpm --filter @roundtable/server build\` (root \`pnpm test\` builds it)`,
      );
    }
    const out = join(outDir, 'smoke.json');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/run.ts', '--smoke', '--out', out], {
      cwd: benchRoot,
      encoding: 'utf8',
      timeout: SMOKE_TIMEOUT_MS,
    });
    expect(run.status, `bench exited ${run.status}:\n${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('| scenario');

    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      mode: string;
      config: { rounds: number };
      cases: CaseRecord[];
      comparisons: { scenario: string; baseline: string; p99: number | null }[];
      targets: TargetCheck[];
    };
    expect(report.mode).toBe('smoke');
    for (const scenario of ['fanout', 'followers', 'lateJoin'] as const) {
      for (const server of ['roundtable', 'reference'] as const) {
        const c = report.cases.find((x) => x.scenario === scenario && x.server === server);
        expect(c, `${scenario} ${server}`).toBeDefined();
        expect(c!.status, `${scenario} ${server}: ${c!.error}`).toBe('ok');
        const r = c!.result!;
        expect(r.converged, `${scenario} ${server} converged`).toBe(true);
        if (r.kind === 'fanout') {
          expect(r.delivered).toBe(r.expectedDeliveries);
          expect(r.delivered).toBeGreaterThan(0);
          expect(r.latency.p99).toBeGreaterThanOrEqual(0);
          expect(r.connectSyncMs).toBeGreaterThan(0);
        } else if (r.kind === 'lateJoin') {
          expect(r.join.count).toBeGreaterThan(0);
          expect(r.join.p50).toBeGreaterThan(0);
        }
        expect(c!.proc!.cpuMeasurePct).toBeGreaterThanOrEqual(0);
        expect(c!.proc!.rssPeakMB).toBeGreaterThan(0);
      }
      expect(report.comparisons.find((x) => x.scenario === scenario)?.p99).toBeGreaterThan(0);
    }
    // The fan-out is run in rounds (config.roundsFor): every round's figure is kept.
    for (const server of ['roundtable', 'reference']) {
      const fanout = report.cases.find((x) => x.scenario === 'fanout' && x.server === server);
      expect(fanout!.rounds, `fanout ${server} rounds`).toMatchObject({ figure: 'p99 ms' });
      expect(fanout!.rounds!.values).toHaveLength(report.config.rounds);
      const r = fanout!.result;
      if (r?.kind === 'fanout') expect(fanout!.rounds!.values).toContain(r.latency.p99);
    }
    // Vote storm: Roundtable only; every cast acknowledged and the stored tally exact, also
    // after the server was killed and restarted (no timing is checked).
    const storm = report.cases.find((x) => x.scenario === 'voteStorm' && x.server === 'roundtable');
    expect(storm?.status, `voteStorm: ${storm?.error}`).toBe('ok');
    const vr = storm!.result!;
    if (vr.kind !== 'voteStorm') throw new Error(`voteStorm result is ${vr.kind}`);
    expect(vr.acked).toBe(vr.voters);
    expect(vr.voters).toBeGreaterThan(0);
    expect(vr.stored).toEqual(vr.acknowledged);
    expect(vr.tallyExact).toBe(true);
    expect(vr.afterRestart).toEqual({ stored: vr.acknowledged, exact: true });
    expect(vr.converged).toBe(true);
    expect(vr.ack.count).toBe(vr.voters);
    expect(report.cases.find((x) => x.scenario === 'voteStorm' && x.server === 'reference')?.status).toBe('n/a');
    // Hostile participant (#11): both fan-outs delivered everything while the attacker flooded
    // and was closed by the server again and again (no timing is checked).
    const hostile = report.cases.find((x) => x.scenario === 'hostile' && x.server === 'roundtable');
    expect(hostile?.status, `hostile: ${hostile?.error}`).toBe('ok');
    const hr = hostile!.result!;
    if (hr.kind !== 'hostile') throw new Error(`hostile result is ${hr.kind}`);
    expect(hr.converged && hr.quiet.converged).toBe(true);
    expect(hr.delivered).toBe(hr.expectedDeliveries);
    expect(hr.quiet.latency.p99).toBeGreaterThanOrEqual(0);
    expect(hr.attackedHealthzMaxMs).toBeGreaterThan(0);
    expect(hr.flood.framesSent).toBeGreaterThan(0);
    expect(Object.values(hr.flood.closes).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(report.targets.some((t) => t.target.startsWith('Hostile participant'))).toBe(true);
    expect(report.cases.find((x) => x.scenario === 'hostile' && x.server === 'reference')?.status).toBe('n/a');
    // Two instances: the fan-out on PostgreSQL + Redis with one instance, then with two (the
    // clients split between them); both converge, and their deployments are gone afterwards.
    for (const instances of [1, 2]) {
      const c = report.cases.find(
        (x) => x.scenario === 'twoInstances' && x.server === 'roundtable' && x.instances === instances,
      );
      expect(c?.status, `twoInstances x${instances}: ${c?.error}`).toBe('ok');
      const r = c!.result!;
      if (r.kind !== 'fanout') throw new Error(`twoInstances result is ${r.kind}`);
      expect(r.converged, `twoInstances x${instances} converged`).toBe(true);
      expect(r.delivered).toBe(r.expectedDeliveries);
      expect(r.delivered).toBeGreaterThan(0);
      expect(r.latency.p99).toBeGreaterThanOrEqual(0);
      expect(c!.proc!.cpuMeasurePct).toBeGreaterThanOrEqual(0);
      expect(c!.proc!.rssPeakMB).toBeGreaterThan(0);
      if (instances === 2) {
        expect(c!.proc!.instances).toHaveLength(2);
        for (const one of c!.proc!.instances!) expect(one.rssPeakMB).toBeGreaterThan(0);
      }
      expect(deploymentLeft(c!.deployment!), `twoInstances x${instances}: deployment dropped`).toEqual({
        schemas: 0,
        keys: 0,
      });
    }
    const scaleOut = report.comparisons.find((x) => x.scenario === 'twoInstances');
    expect(scaleOut?.baseline).toBe('one instance');
    expect(scaleOut?.p99).toBeGreaterThan(0);
    expect(report.targets.find((t) => t.target.startsWith('Two instances'))?.status).toMatch(/^(met|missed)$/);
    expect(report.cases.find((x) => x.scenario === 'twoInstances' && x.server === 'reference')?.status).toBe('n/a');
    expect(report.targets.length).toBeGreaterThan(0);
  });
});

/** What a two-instance case left in PostgreSQL (its schema) and Redis (keys under its prefix). */
function deploymentLeft(d: { redisPrefix: string; databaseSchema: string }): { schemas: number; keys: number } {
  const { redisUrl, databaseUrl } = serviceUrls(process.env);
  const cli = (command: string, args: string[]) => {
    const out = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 });
    if (out.status !== 0) throw new Error(`${command}: ${out.stderr || out.error?.message}`);
    return out.stdout;
  };
  const schemas = cli('psql', [
    '-w',
    '-X',
    '-At',
    '-d',
    databaseUrl,
    '-c',
    `select count(*) from information_schema.schemata where schema_name = '${d.databaseSchema}'`,
  ]);
  const keys = cli('redis-cli', ['-u', redisUrl, '--no-auth-warning', '--scan', '--pattern', `${d.redisPrefix}:*`]);
  return { schemas: Number(schemas.trim()), keys: keys.split('\n').filter((k) => k.length > 0).length };
}
