/**
 * The load generator: a process of its own, forked by the runner once per
 * scenario and server, so its CPU is never the server's. It receives one task
 * over IPC, reports phases as it goes (the runner samples the server at each),
 * sends its figures and exits.
 */
import { io, type Socket } from 'socket.io-client';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { DRAFT_BODY_FIELD } from '@roundtable/protocol';
import { DocClient, LightReceiver, encodeUpdateFrame, inPool, waitUntil } from './clients.js';
import { generateHistory } from './history.js';
import { runPresenceStorm } from './presenceStorm.js';
import { Samples, summarise } from './stats.js';
import type {
  ApprovalCounts,
  FanoutResult,
  FanoutTask,
  HostileResult,
  HostileTask,
  LateJoinResult,
  LateJoinTask,
  LoadMessage,
  LoadPhase,
  LoadResult,
  LoadTask,
  VoteStormResult,
  VoteStormTask,
} from './tasks.js';
import { readApprovalTally, sameCounts } from './votes.js';
import { marker, now, scanMarkers } from './yFrames.js';

const BODY = DRAFT_BODY_FIELD;
/** The hostile scenario's attacker (flood.ts), forked per run. */
const HERE = fileURLToPath(import.meta.url);
const FLOOD_ENTRY = fileURLToPath(new URL(`./flood${HERE.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url));
/** Below Roundtable's Yjs frame rate limit (YJS_MESSAGE_RATE: burst 500, then 100/s). */
const BUILD_BURST_FRAMES = 400;
const BUILD_FRAMES_PER_SECOND = 80;

function send(message: LoadMessage): Promise<void> {
  return new Promise((resolve) => process.send!(message, () => resolve()));
}

const phase = (p: LoadPhase) => send({ type: 'phase', phase: p });

/** Rejects after `ms` with a message naming what took too long. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runFanout(task: FanoutTask): Promise<FanoutResult> {
  const editsPerWriter = Math.round((task.editsPerSecond * task.writeMs) / 1000);
  const receivers = task.receiverUrls.length;
  const expected = editsPerWriter * task.writerUrls.length * receivers;
  const latencies = new Samples(expected);
  let delivered = 0;
  let frames = 0;
  let lastDeliveryAt = 0;
  const onUpdate = (frame: Uint8Array, receivedAt: number) => {
    frames++;
    scanMarkers(
      frame,
      (_writer, _seq, sentAt) => {
        latencies.push(receivedAt - sentAt);
        delivered++;
        lastDeliveryAt = receivedAt;
      },
      2,
    );
  };

  const closedByServer: Record<string, number> = {};
  let closing = false;
  const watchClose = (c: DocClient | LightReceiver) =>
    c.ws.on('close', (code) => {
      if (!closing) closedByServer[code] = (closedByServer[code] ?? 0) + 1;
    });

  const writers: DocClient[] = [];
  const readers: (DocClient | LightReceiver)[] = [];
  const all = () => [...writers, ...readers];
  try {
    await phase('connect');
    const t0 = now();
    await within(
      (async () => {
        for (const url of task.writerUrls) {
          const w = new DocClient(url);
          writers.push(w);
          watchClose(w);
          await w.synced;
        }
        await inPool(task.receiverUrls, task.connectConcurrency, async (url, i) => {
          const c = i < task.fullReceivers ? new DocClient(url, onUpdate) : new LightReceiver(url, onUpdate);
          readers.push(c);
          watchClose(c);
          await c.synced;
        });
      })(),
      task.connectTimeoutMs,
      `connecting ${task.writerUrls.length + receivers} clients`,
    );
    const connectSyncMs = now() - t0;
    const clientSync = summarise(all().map((c) => c.syncedAt - c.startedAt));

    // Each writer types into a paragraph of its own, at its end.
    const texts = writers.map((w) => {
      const text = new Y.XmlText();
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [text]);
      const body = w.doc.getXmlFragment(BODY);
      body.insert(body.length, [p]);
      return text;
    });
    await sleep(task.settleMs);

    await phase('measure');
    const writeStart = now();
    const interval = 1000 / task.editsPerSecond;
    let editsSent = 0;
    await Promise.all(
      texts.map(async (text, w) => {
        // Writers are spread over the interval; each keeps to its schedule even if a tick runs late.
        const offset = (interval * w) / texts.length;
        for (let seq = 0; seq < editsPerWriter; seq++) {
          const due = writeStart + offset + seq * interval;
          const wait = due - now();
          if (wait > 0) await sleep(wait);
          text.insert(text.length, marker(w, seq, now()));
          editsSent++;
        }
      }),
    );

    await phase('drain');
    const drainDeadline = Date.now() + task.drainTimeoutMs;
    await waitUntil(() => delivered >= expected, task.drainTimeoutMs);
    const bodies = () =>
      [...writers, ...readers.filter((r) => r instanceof DocClient)].map((c) =>
        (c as DocClient).doc.getXmlFragment(BODY).toString(),
      );
    const fullDocsEqual = await waitUntil(() => new Set(bodies()).size === 1, Math.max(0, drainDeadline - Date.now()));
    const deliverySpan = Math.max(1, (lastDeliveryAt || now()) - writeStart);

    return {
      kind: 'fanout',
      clients: writers.length + readers.length,
      connectSyncMs,
      clientSync,
      editsSent,
      expectedDeliveries: expected,
      delivered,
      framesReceived: frames,
      latency: latencies.summary(),
      deliveriesPerSec: delivered / (deliverySpan / 1000),
      converged: fullDocsEqual && delivered === expected,
      fullDocsEqual,
      closedByServer,
    };
  } finally {
    closing = true;
    await Promise.all(all().map((c) => c.close()));
  }
}

async function runLateJoin(task: LateJoinTask): Promise<LateJoinResult> {
  const history = generateHistory(task.edits, task.seed, task.editsPerFrame);
  const opened: (DocClient | LightReceiver)[] = [];
  try {
    await phase('connect');
    const buildStart = now();
    // The builder only sends; it stays connected so the document stays live, as in a meeting.
    const builder = new LightReceiver(task.builderUrl, () => undefined);
    opened.push(builder);
    await within(builder.synced, task.joinTimeoutMs, 'builder sync');
    // Roundtable limits the frames a connection may send (YJS_MESSAGE_RATE: a burst, then a
    // steady rate); the builder keeps under it, as a real client's typing does.
    for (let i = 0; i < history.frames.length; i++) {
      if (i >= BUILD_BURST_FRAMES) await sleep(1000 / BUILD_FRAMES_PER_SECOND);
      if (builder.ws.readyState !== builder.ws.OPEN)
        throw new Error(`the server closed the builder (${builder.ws.readyState}, code ${builder.closeCode ?? '-'})`);
      builder.ws.send(encodeUpdateFrame(history.frames[i]!));
    }
    const verifier = new DocClient(task.verifierUrl);
    opened.push(verifier);
    await within(verifier.synced, task.buildTimeoutMs, 'verifier sync');
    const firstJoinMs = verifier.syncedAt - verifier.startedAt;
    const built = await waitUntil(
      () =>
        verifier.doc.getXmlFragment(BODY).toString() === history.bodyXml || builder.ws.readyState !== builder.ws.OPEN,
      task.buildTimeoutMs,
      100,
    );
    if (builder.ws.readyState !== builder.ws.OPEN)
      throw new Error(`the server closed the builder (code ${builder.closeCode ?? '-'})`);
    if (!built) throw new Error('the server did not reach the built document in time');
    const buildMs = now() - buildStart;
    await verifier.close();
    await sleep(task.settleMs);

    await phase('measure');
    const times: number[] = [];
    const step2Times: number[] = [];
    let converged = true;
    for (const url of task.joinerUrls) {
      const joiner = new DocClient(url);
      opened.push(joiner);
      await within(joiner.synced, task.joinTimeoutMs, 'late join');
      times.push(joiner.syncedAt - joiner.startedAt);
      step2Times.push(joiner.step2ArrivedAt - joiner.startedAt);
      converged &&= joiner.doc.getXmlFragment(BODY).toString() === history.bodyXml;
      await joiner.close();
      joiner.doc.destroy();
      // Not kept until the end: each joiner's document is tens of MB of structs.
      opened.splice(opened.indexOf(joiner), 1);
    }
    await phase('drain');
    return {
      kind: 'lateJoin',
      edits: task.edits,
      docBytes: history.docBytes,
      buildMs,
      firstJoinMs,
      join: summarise(times),
      step2: summarise(step2Times),
      converged,
    };
  } finally {
    await Promise.all(opened.map((c) => c.close()));
  }
}

type CastAck = { ok: true } | { ok: false; error: { code: string; message: string } };
const CHOICES = ['for', 'against', 'abstain'] as const;

/** One socket.io client per voter, connected; rejects on a refused connection. */
function connectVoter(httpUrl: string, token: string): Promise<Socket> {
  const socket = io(httpUrl, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(new Error(`socket.io connect refused: ${err.message}`));
    });
  });
}

async function runVoteStorm(task: VoteStormTask): Promise<VoteStormResult> {
  const sockets: Socket[] = [];
  try {
    await phase('connect');
    const t0 = now();
    const facilitator = await within(
      connectVoter(task.httpUrl, task.facilitatorToken),
      task.connectTimeoutMs,
      'facilitator connect',
    );
    sockets.push(facilitator);
    const voters = new Array<Socket>(task.voterTokens.length);
    await within(
      inPool(task.voterTokens, task.connectConcurrency, async (token, i) => {
        voters[i] = await connectVoter(task.httpUrl, token);
        sockets.push(voters[i]!);
      }),
      task.connectTimeoutMs,
      `connecting ${voters.length} voters`,
    );
    const connectMs = now() - t0;
    const opened = (await facilitator
      .timeout(task.ackTimeoutMs)
      .emitWithAck('vote:open', { method: 'approval', question: 'Storm?' })) as
      | { ok: true; vote: { id: string } }
      | { ok: false; error: { code: string; message: string } };
    if (!opened.ok) throw new Error(`vote:open refused: ${opened.error.code} ${opened.error.message}`);
    const voteId = opened.vote.id;
    await sleep(task.settleMs);

    await phase('measure');
    const acknowledged: ApprovalCounts = { for: 0, against: 0, abstain: 0, ballots: 0 };
    const refused: Record<string, number> = {};
    const latencies = new Samples(voters.length);
    let castsSent = 0;
    let lastAckAt = 0;
    const stormStart = now();
    const step = task.castWindowMs / voters.length;
    await Promise.all(
      voters.map(async (socket, i) => {
        const wait = stormStart + i * step - now();
        if (wait > 0) await sleep(wait);
        const choice = CHOICES[i % CHOICES.length]!;
        const sentAt = now();
        castsSent++;
        let res: CastAck;
        try {
          res = (await socket
            .timeout(task.ackTimeoutMs)
            .emitWithAck('vote:cast', { voteId, ballot: { choice } })) as CastAck;
        } catch {
          refused.timeout = (refused.timeout ?? 0) + 1;
          return;
        }
        const at = now();
        if (!res.ok) {
          refused[res.error.code] = (refused[res.error.code] ?? 0) + 1;
          return;
        }
        latencies.push(at - sentAt);
        lastAckAt = Math.max(lastAckAt, at);
        acknowledged[choice]++;
        acknowledged.ballots++;
      }),
    );
    const stormMs = (lastAckAt || now()) - stormStart;
    await phase('drain');
    const { stored, turnout } = await readApprovalTally(task.httpUrl, task.sessionId, voteId, task.facilitatorToken);
    const tallyExact = sameCounts(stored, acknowledged) && turnout === acknowledged.ballots;
    return {
      kind: 'voteStorm',
      voters: voters.length,
      voteId,
      connectMs,
      castsSent,
      acked: acknowledged.ballots,
      refused,
      ack: latencies.summary(),
      stormMs,
      acknowledged,
      stored,
      turnout,
      tallyExact,
      converged: tallyExact && acknowledged.ballots === voters.length,
    };
  } finally {
    for (const s of sockets) s.close();
  }
}

/** GET `url` one request after another, every `everyMs`, until stopped; the longest round trip. */
function probeHealthz(url: string, everyMs: number): { stop(): Promise<number> } {
  let running = true;
  let longest = 0;
  const loop = (async () => {
    while (running) {
      const start = now();
      try {
        await (await fetch(url)).arrayBuffer();
      } catch {
        // A refused probe is as long as the wait for it.
      }
      longest = Math.max(longest, now() - start);
      await sleep(everyMs);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return longest;
    },
  };
}

async function runHostile(task: HostileTask): Promise<HostileResult> {
  let probe = probeHealthz(task.healthzUrl, task.probeMs);
  const quietFrom = Date.now();
  const quiet = await runFanout(task.quiet);
  const quietWindow = { from: quietFrom, to: Date.now() };
  const quietHealthzMaxMs = await probe.stop();
  probe = probeHealthz(task.healthzUrl, task.probeMs);
  // The attacker is a process of its own: its sending (masking hundreds of MiB) must not slow
  // this process's clients, or their latency would measure the attacker, not the server.
  const attacker = fork(FLOOD_ENTRY, [task.attackerUrl, String(task.floodBytes)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: process.execArgv,
  });
  try {
    // Flooding before the attacked run starts (the child needs a moment to start).
    await within(new Promise((resolve) => attacker.once('message', resolve)), 20_000, 'starting the attacker');
    const attackedFrom = Date.now();
    const attacked = await runFanout(task.attacked);
    const attackedWindow = { from: attackedFrom, to: Date.now() };
    const attackedHealthzMaxMs = await probe.stop();
    const flood = await new Promise<HostileResult['flood']>((resolve) => {
      attacker.once('message', (m) => resolve(m as HostileResult['flood']));
      attacker.send('stop');
    });
    return {
      ...attacked,
      kind: 'hostile',
      quiet,
      quietHealthzMaxMs,
      attackedHealthzMaxMs,
      quietWindow,
      attackedWindow,
      flood,
    };
  } finally {
    attacker.kill();
    await probe.stop();
  }
}

function run(task: LoadTask): Promise<LoadResult> {
  switch (task.kind) {
    case 'fanout':
      return runFanout(task);
    case 'lateJoin':
      return runLateJoin(task);
    case 'voteStorm':
      return runVoteStorm(task);
    case 'hostile':
      return runHostile(task);
    case 'presenceStorm':
      return runPresenceStorm(task, phase);
  }
}

// If the runner goes away, so does the load.
process.on('disconnect', () => process.exit(2));
process.once('message', (task: LoadTask) => {
  run(task).then(
    async (result) => {
      await phase('done');
      await send({ type: 'result', result });
      process.exit(0);
    },
    async (err: unknown) => {
      await send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
      process.exit(1);
    },
  );
});
