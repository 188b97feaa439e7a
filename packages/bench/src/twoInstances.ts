import {
  checkServices,
  dropDeployment,
  localRedisPid,
  newDeployment,
  ServicesUnavailableError,
  type Deployment,
  type ServiceUrls,
} from './deployment.js';
import { drive } from './drive.js';
import { waitForQuietMachine } from './procStats.js';
import type { CaseRecord } from './report.js';
import { prepareRoundtableDraft } from './roundtableSetup.js';
import { fanoutTask, loadDeadlineMs, type BenchConfig } from './scenarios.js';
import { startRoundtable, type RunningServer } from './servers.js';

export interface TwoInstancesOptions {
  config: BenchConfig;
  services: ServiceUrls;
  /** Full runs: wait this long at most for the machine to go quiet before the case. */
  quietWaitMs: number | undefined;
  roundtableMain: string | undefined;
  /** Node flags of measured instance `i` (0 is A), e.g. --cpu-prof with a name of its own. */
  nodeFlags: (instance: number) => string[];
  loadFlags: string[];
}

/** Instance names in the JSON and the log: A gets the setup, writer 1 and every other client. */
export const INSTANCE_NAMES = ['A', 'B'] as const;

/**
 * Scenario 5, one case: the fan-out load on one deployment of Roundtable scaled out
 * (PostgreSQL + Redis, a fresh schema and key prefix, one SECRET) run by `instances`
 * processes. With two, clients alternate between A and B, writer 1 on A and writer 2 on
 * B, so every edit reaches half the receivers through Redis (the document's update
 * stream). One instance on the same deployment kind is the baseline: what Redis and
 * PostgreSQL cost without crossing instances. The deployment is dropped afterwards,
 * whatever happened.
 */
export async function runTwoInstancesCase(o: TwoInstancesOptions, n: number, instances: 1 | 2): Promise<CaseRecord> {
  const { config } = o;
  const started = Date.now();
  const base = { scenario: 'twoInstances', n, server: 'roundtable', instances } as const;
  let deployment: Deployment | undefined;
  let setup: RunningServer | undefined;
  const servers: RunningServer[] = [];
  let record: CaseRecord;
  try {
    const machineBusyBeforePct = o.quietWaitMs !== undefined ? await waitForQuietMachine(o.quietWaitMs) : NaN;
    await checkServices(o.services);
    const redisPid = await localRedisPid(o.services.redisUrl);
    deployment = newDeployment(o.services);
    const env = { ...deployment };
    setup = await startRoundtable({ env, roundtableMain: o.roundtableMain });
    const draft = await prepareRoundtableDraft(setup.httpUrl, n, 0);
    // As in the other cases, the measured processes start clean after the REST setup; the
    // tokens stay valid (same SECRET, same database).
    await setup.stop();
    for (let i = 0; i < instances; i++) {
      // One after the other: the second finds the schema migrated by the first.
      servers.push(await startRoundtable({ env, nodeFlags: o.nodeFlags(i), roundtableMain: o.roundtableMain }));
    }
    const on = (i: number) => servers[i % servers.length]!;
    const writers = draft.participantTokens.slice(0, config.writers);
    const receivers = draft.participantTokens.slice(config.writers);
    // Alternating receivers: the first two (the full, checking ones) sit on A and on B.
    const task = fanoutTask(
      config,
      writers.map((t, i) => on(i).docUrl(draft.docName, t)),
      receivers.map((t, i) => on(i).docUrl(draft.docName, t)),
    );
    const { result, proc } = await drive(task, servers, loadDeadlineMs(config, 'twoInstances'), o.loadFlags, redisPid);
    record = { ...base, status: 'ok', result, proc: { ...proc, machineBusyBeforePct } };
  } catch (err) {
    record = { ...base, status: 'error', error: err instanceof Error ? err.message : String(err) };
    if (err instanceof ServicesUnavailableError) record.errorCell = 'ERROR: needs Redis + PostgreSQL (see below)';
  }
  if (deployment)
    record.deployment = { redisPrefix: deployment.REDIS_PREFIX, databaseSchema: deployment.DATABASE_SCHEMA };
  // Stopped before the drop: a live instance would write its stream and rows again.
  await Promise.allSettled([setup?.stop(), ...servers.map((s) => s.stop())]);
  if (deployment) {
    try {
      await dropDeployment(deployment);
    } catch (err) {
      // The figures stay; the run fails, so that a leftover schema or key set is noticed.
      const message = err instanceof Error ? err.message : String(err);
      record = { ...record, status: 'error', error: record.error ? `${record.error}; ${message}` : message };
    }
  }
  return { ...record, durationMs: Date.now() - started };
}
