import type { TimeWindow } from './loopStall.js';
import type { Summary } from './stats.js';

/** The two servers every scenario runs against, in the same run. */
export type ServerKind = 'roundtable' | 'reference';

/**
 * Fan-out in one document: writers type markers at a fixed rate while every other
 * client receives. Used by the fan-out and followers scenarios, which differ only
 * in the tokens (roles) the runner hands out.
 */
export interface FanoutTask {
  kind: 'fanout';
  /** One URL per writer (full clients with a Y.Doc). */
  writerUrls: string[];
  /** One URL per receiver; the first `fullReceivers` get a Y.Doc, the rest are light. */
  receiverUrls: string[];
  fullReceivers: number;
  /** Per writer. */
  editsPerSecond: number;
  writeMs: number;
  connectConcurrency: number;
  connectTimeoutMs: number;
  /** After connecting, before writing: lets the server settle so its RSS means something. */
  settleMs: number;
  /** After writing: how long receivers may take to get every edit. */
  drainTimeoutMs: number;
}

/** A draft built from many edits, then fresh clients joining it one after another. */
export interface LateJoinTask {
  kind: 'lateJoin';
  builderUrl: string;
  /** Joins once right after the build and checks the content (also warms up). */
  verifierUrl: string;
  /** One URL per timed join. */
  joinerUrls: string[];
  edits: number;
  /** Edits merged into one frame while building (the final document is the same). */
  editsPerFrame: number;
  seed: number;
  /** After the build, before the joins: lets background work (compaction) finish. */
  settleMs: number;
  buildTimeoutMs: number;
  joinTimeoutMs: number;
}

/**
 * A vote storm (Roundtable only): every participant casts a ballot on one open
 * approval vote, the casts spread evenly over a window; each ack comes once the
 * ballot is stored. Then the stored tally is read back over REST.
 */
export interface VoteStormTask {
  kind: 'voteStorm';
  /** Roundtable's base URL (socket.io and REST). */
  httpUrl: string;
  sessionId: string;
  facilitatorToken: string;
  /** One participant token per voter. */
  voterTokens: string[];
  /** The casts are spread evenly over this window (1 s in the issue). */
  castWindowMs: number;
  connectConcurrency: number;
  connectTimeoutMs: number;
  settleMs: number;
  /** One cast whose ack takes longer than this counts as not acknowledged. */
  ackTimeoutMs: number;
}

/**
 * A presence storm (issue #15, Roundtable only): `tokens.length` participants connect by
 * socket.io within `joinWindowMs`; each must end up listing all of them.
 */
export interface PresenceStormTask {
  kind: 'presenceStorm';
  httpUrl: string;
  tokens: string[];
  joinWindowMs: number;
  /** Threads the clients run in (a real storm's clients are N devices, not one core). */
  workers: number;
  /** Past this (from the first connect), the storm counts as not listed. */
  timeoutMs: number;
  settleMs: number;
}

/**
 * One hostile participant (Roundtable only): the usual fan-out runs once quiet, then once more
 * on another draft of another session while the attacker floods its own draft with updates at
 * the limits (frames of about MAX_DRAFT_BYTES / 2, reconnecting at once whenever closed). A
 * probe asks GET /healthz every `probeMs` through both runs.
 */
export interface HostileTask {
  kind: 'hostile';
  quiet: FanoutTask;
  attacked: FanoutTask;
  /** The attacker's draft, with a participant token. */
  attackerUrl: string;
  /** Bytes of text in each of the attacker's paste updates. */
  floodBytes: number;
  healthzUrl: string;
  probeMs: number;
}

export type LoadTask = FanoutTask | LateJoinTask | VoteStormTask | HostileTask | PresenceStormTask;

/** Ballots per choice of an approval vote. */
export interface ApprovalCounts {
  for: number;
  against: number;
  abstain: number;
  ballots: number;
}

export interface FanoutResult {
  kind: 'fanout';
  clients: number;
  /** From the first connect to the last client's sync step 2. */
  connectSyncMs: number;
  /** Per-client connect-to-sync times. */
  clientSync: Summary;
  editsSent: number;
  expectedDeliveries: number;
  delivered: number;
  /** Update frames the receivers got: below `delivered` when the server merges updates. */
  framesReceived: number;
  /** Delivery latency: writer's send to receiver's arrival, over every delivery. */
  latency: Summary;
  /** Deliveries per second over the write window plus the drain. */
  deliveriesPerSec: number;
  /** Writers' and full receivers' documents are equal and every delivery arrived. */
  converged: boolean;
  fullDocsEqual: boolean;
  /** Sockets the server closed during the run (e.g. too slow), by close code. */
  closedByServer: Record<string, number>;
}

export interface LateJoinResult {
  kind: 'lateJoin';
  edits: number;
  /** Size of the whole document encoded as one update. */
  docBytes: number;
  buildMs: number;
  /** The verifier's join, right after the build. */
  firstJoinMs: number;
  /** Timed joins: connect to sync step 2 applied. */
  join: Summary;
  /**
   * Connect to sync step 2 arrived, before the client applies it: the server's share
   * (connect, auth, encoding the document) plus the transfer.
   */
  step2: Summary;
  converged: boolean;
}

export interface VoteStormResult {
  kind: 'voteStorm';
  voters: number;
  voteId: string;
  /** From the first socket.io connect to the last one connected. */
  connectMs: number;
  castsSent: number;
  /** Casts acknowledged with `{ ok: true }`. */
  acked: number;
  /** Casts refused (`{ ok: false }`, by error code) or not acknowledged in time (`timeout`). */
  refused: Record<string, number>;
  /** Ack latency: emit of vote:cast to its `{ ok: true }` ack. */
  ack: Summary;
  /** First cast sent to last ack received. */
  stormMs: number;
  /** Ballots acknowledged, per choice. */
  acknowledged: ApprovalCounts;
  /** The tally the server stored (GET /api/sessions/:id/votes/:voteId, as the facilitator). */
  stored: ApprovalCounts;
  turnout: number;
  /** The stored tally equals the acknowledged ballots, per choice. */
  tallyExact: boolean;
  /**
   * After the load: the runner kills the server (SIGKILL), restarts it on the same
   * DATA_DIR and reads the tally again; every acknowledged ballot must still be there.
   */
  afterRestart?: { stored: ApprovalCounts; exact: boolean } | { error: string };
  /** Every cast acknowledged and the stored tally exact. */
  converged: boolean;
}

/** The attacked run's fan-out figures, with the quiet run's and the flood's beside them. */
export interface HostileResult extends Omit<FanoutResult, 'kind'> {
  kind: 'hostile';
  quiet: FanoutResult;
  /**
   * Longest GET /healthz round trip, quiet and attacked, from the load process: an upper
   * bound of the server's longest stall that also counts the load process's own.
   */
  quietHealthzMaxMs: number;
  attackedHealthzMaxMs: number;
  /** When each run went on (epoch ms), to read the server's own loop delay over it. */
  quietWindow: TimeWindow;
  attackedWindow: TimeWindow;
  /** The server's longest event-loop delay (loopMonitor.mjs), filled in by the runner; NaN: not recorded. */
  quietLoopMaxMs?: number;
  attackedLoopMaxMs?: number;
  /** What the attacker sent, and how the server closed it (by close code). */
  flood: { framesSent: number; mbSent: number; connections: number; closes: Record<string, number> };
}

export interface PresenceStormResult {
  kind: 'presenceStorm';
  clients: number;
  workers: number;
  joinWindowMs: number;
  /** When the last client started connecting. */
  lastStartedMs: number;
  /** First connect started to every client connected; null if not within the timeout. */
  connectedMs: number | null;
  /** First connect started to every client listing all N; null if not within the timeout. */
  listedMs: number | null;
  listedClients: number;
  /** Every byte the server sent the N clients (engine.io payloads, pings included). */
  serverBytes: number;
  /** Of which presence messages (JSON). */
  presenceBytes: number;
  bytesPerClient: number;
  converged: boolean;
}

export type LoadResult = FanoutResult | LateJoinResult | VoteStormResult | HostileResult | PresenceStormResult;

/** Messages from the load process to the runner. */
export type LoadMessage =
  | { type: 'phase'; phase: LoadPhase }
  | { type: 'result'; result: LoadResult }
  | { type: 'error'; message: string };

/**
 * Points in a run at which the runner snapshots the server's CPU and RSS:
 * CPU % is measured between consecutive phases, memory per connection between
 * `connect` and `measure`.
 */
export type LoadPhase = 'connect' | 'measure' | 'drain' | 'done';
