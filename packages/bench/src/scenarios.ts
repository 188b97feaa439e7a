import { MAX_DRAFT_BYTES } from '@roundtable/protocol';
import type { FanoutTask } from './tasks.js';

/**
 * The scenarios of issue #6 and the sizes each mode runs. A scenario whose
 * feature does not exist yet is listed with `available: false`; the runner
 * prints it as "not available yet" (see the extension points in the README).
 */
export type ScenarioId =
  | 'fanout'
  | 'followers'
  | 'voteStorm'
  | 'lateJoin'
  | 'twoInstances'
  | 'load'
  | 'hostile'
  | 'presenceStorm';

export interface ScenarioInfo {
  id: ScenarioId;
  title: string;
  /** False until the bench drives it (the server features it needs came later than the bench). */
  available: boolean;
  /** Why it is not available (printed in the table). */
  pending?: string;
  /** Set when the reference server cannot run it: why, and a few words for the table's n/a. */
  roundtableOnly?: { why: string; cell: string };
}

export const SCENARIOS: readonly ScenarioInfo[] = [
  { id: 'fanout', title: '1. Fan-out in one draft', available: true },
  { id: 'followers', title: '2. Followers (90% observers)', available: true },
  {
    id: 'voteStorm',
    title: '3. Vote storm',
    available: true,
    roundtableOnly: { why: 'n/a: the reference y-websocket server has no votes', cell: 'no votes' },
  },
  { id: 'lateJoin', title: '4. Late join', available: true },
  {
    // Roundtable on PostgreSQL + Redis, once with one process and once with two, the clients
    // split between them (see twoInstances.ts); the ratio is two instances / one.
    id: 'twoInstances',
    title: '5. Two instances',
    available: true,
    roundtableOnly: {
      why: 'n/a: the reference y-websocket server runs one process and has no Redis fan-out',
      cell: 'one process',
    },
  },
  {
    // A browser's first load on a poor link (issue #12, pageLoad.ts): not a server comparison,
    // its own table; the full run and `--only load` run it, the smoke run does not (Chromium).
    id: 'load',
    title: '6. First load on a poor link',
    available: true,
    roundtableOnly: { why: 'n/a: the reference server serves no web app', cell: 'no web app' },
  },
  {
    // A fan-out quiet, then again while another session's participant floods (issue #11).
    id: 'hostile',
    title: '7. Hostile participant',
    available: true,
    roundtableOnly: { why: 'n/a: the reference y-websocket server has no limits to hold', cell: 'no limits' },
  },
  {
    id: 'presenceStorm',
    title: '8. Presence storm',
    available: true,
    roundtableOnly: { why: 'n/a: the reference y-websocket server has no presence list', cell: 'no presence' },
  },
];

export interface BenchConfig {
  mode: 'full' | 'smoke';
  /**
   * Cases whose target is a comparison within run-to-run noise (a millisecond or two):
   * both servers run `rounds` times, interleaved, and each keeps its median round.
   */
  roundsFor: { scenario: ScenarioId; n: number }[];
  rounds: number;
  /** Clients in the draft (writers included), per fan-out run. */
  fanoutSizes: number[];
  followerSizes: number[];
  /** Share of followers-scenario clients that are observers. */
  observerShare: number;
  writers: number;
  editsPerSecond: number;
  writeMs: number;
  /** Receivers with a whole Y.Doc (convergence checkers); the others are light. */
  fullReceivers: number;
  connectConcurrency: number;
  connectTimeoutMs: number;
  settleMs: number;
  drainTimeoutMs: number;
  /** Edits of each late-join draft. */
  lateJoinEdits: number[];
  /** Timed fresh joins per draft. */
  lateJoins: number;
  editsPerFrame: number;
  lateJoinSettleMs: number;
  buildTimeoutMs: number;
  joinTimeoutMs: number;
  /** Voters per vote storm (participants casting on one vote). */
  voteStormSizes: number[];
  /** Clients (writers included) of the two-instance fan-out, run with one and with two instances. */
  twoInstancesSizes: number[];
  /** Clients of the other session's fan-out in the hostile scenario (quiet and attacked). */
  hostileSizes: number[];
  /** Text bytes of each flood update: half a draft at its limit, so every frame is near the limits. */
  hostileFloodBytes: number;
  /** The casts are spread evenly over this window. */
  castWindowMs: number;
  ackTimeoutMs: number;
  /** socket.io clients per presence storm (issue #15: 2,000), all starting within presenceJoinWindowMs. */
  presenceStormSizes: number[];
  presenceJoinWindowMs: number;
  /** Load-generator threads for the presence storm's clients. */
  presenceWorkers: number;
}

const FULL: BenchConfig = {
  mode: 'full',
  roundsFor: [
    { scenario: 'fanout', n: 500 },
    { scenario: 'lateJoin', n: 100_000 },
  ],
  rounds: 3,
  fanoutSizes: [50, 200, 500, 1_000, 2_000],
  followerSizes: [500, 1_000, 2_000],
  observerShare: 0.9,
  writers: 2,
  editsPerSecond: 20,
  writeMs: 10_000,
  fullReceivers: 2,
  connectConcurrency: 32,
  connectTimeoutMs: 90_000,
  settleMs: 1_500,
  drainTimeoutMs: 15_000,
  lateJoinEdits: [10_000, 100_000],
  lateJoins: 20,
  // 100k edits in 400 frames: within Roundtable's frame burst, so the build is quick.
  editsPerFrame: 250,
  // Roundtable compacts stored rows in the background after a build; let that finish.
  lateJoinSettleMs: 3_000,
  buildTimeoutMs: 90_000,
  joinTimeoutMs: 30_000,
  voteStormSizes: [1_000],
  twoInstancesSizes: [500, 1_000],
  hostileSizes: [200],
  hostileFloodBytes: MAX_DRAFT_BYTES / 2,
  castWindowMs: 1_000,
  ackTimeoutMs: 15_000,
  // Two sizes: server output per client against N shows whether it is linear.
  presenceStormSizes: [500, 2_000],
  presenceJoinWindowMs: 1_000,
  presenceWorkers: 4,
};

/** A few clients for a few seconds: keeps the bench itself working in CI. */
const SMOKE: BenchConfig = {
  ...FULL,
  mode: 'smoke',
  roundsFor: [{ scenario: 'fanout', n: 5 }],
  rounds: 2,
  fanoutSizes: [5],
  followerSizes: [10],
  writeMs: 2_000,
  connectTimeoutMs: 20_000,
  settleMs: 200,
  drainTimeoutMs: 5_000,
  lateJoinEdits: [500],
  lateJoins: 3,
  lateJoinSettleMs: 200,
  buildTimeoutMs: 20_000,
  joinTimeoutMs: 10_000,
  voteStormSizes: [20],
  // Even, so each instance gets half: a writer and two receivers, a full one among them.
  twoInstancesSizes: [6],
  hostileSizes: [5],
  ackTimeoutMs: 10_000,
  presenceStormSizes: [20, 40],
};

export function benchConfig(smoke: boolean): BenchConfig {
  return structuredClone(smoke ? SMOKE : FULL);
}

/** Upper bound of one load process's run; past it the runner kills it. */
export function loadDeadlineMs(config: BenchConfig, scenario: ScenarioId): number {
  const margin = 30_000;
  if (scenario === 'lateJoin') {
    return config.buildTimeoutMs + config.lateJoinSettleMs + config.joinTimeoutMs * (config.lateJoins + 2) + margin;
  }
  if (scenario === 'presenceStorm') return config.connectTimeoutMs + config.settleMs + margin;
  if (scenario === 'voteStorm') {
    return config.connectTimeoutMs + config.settleMs + config.castWindowMs + config.ackTimeoutMs + margin;
  }
  const fanout = config.connectTimeoutMs + config.settleMs + config.writeMs + config.drainTimeoutMs;
  // Two fan-outs, quiet then attacked.
  return (scenario === 'hostile' ? 2 * fanout : fanout) + margin;
}

/** The fan-out load of this mode for the given clients (fan-out, followers, two instances). */
export function fanoutTask(config: BenchConfig, writerUrls: string[], receiverUrls: string[]): FanoutTask {
  return {
    kind: 'fanout',
    writerUrls,
    receiverUrls,
    fullReceivers: Math.min(config.fullReceivers, receiverUrls.length),
    editsPerSecond: config.editsPerSecond,
    writeMs: config.writeMs,
    connectConcurrency: config.connectConcurrency,
    connectTimeoutMs: config.connectTimeoutMs,
    settleMs: config.settleMs,
    drainTimeoutMs: config.drainTimeoutMs,
  };
}
