import { io, type Socket } from 'socket.io-client';
import { PresenceMirror } from '@roundtable/domain';
import type { PresenceChanged, PresenceUpdated } from '@roundtable/protocol';
import type { PresenceStormResult, PresenceStormTask } from './tasks.js';
import { now } from './yFrames.js';

/** One storm client: its view of presence and what the server sent it. */
interface Watcher {
  socket: Socket;
  mirror: PresenceMirror;
  /** Every engine.io packet's payload from the server (pings included). */
  bytes: number;
  /** The payloads of the presence messages alone (`presence:updated`, `presence:changed`). */
  presenceBytes: number;
  connected: boolean;
}

/** Packet payload size: engine.io hands strings for text frames, buffers for binary ones. */
function sizeOf(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data);
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/** A socket.io event packet (type 2, namespace `/`) whose name starts with `presence:`. */
function isPresenceEvent(data: string): boolean {
  return data.startsWith('2["presence:');
}

function watch(httpUrl: string, token: string): Watcher {
  const socket = io(httpUrl, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
  const w: Watcher = { socket, mirror: new PresenceMirror(), bytes: 0, presenceBytes: 0, connected: false };
  socket.io.on('open', () => {
    socket.io.engine.on('packet', (packet: { data?: unknown }) => {
      const size = sizeOf(packet.data);
      w.bytes += size;
      // Counted from the frame as received: stringifying each parsed list again would make
      // the load generator, on the same cores as the server, do the N x N work a second time.
      if (typeof packet.data === 'string' && isPresenceEvent(packet.data)) w.presenceBytes += size;
    });
  });
  socket.once('connect', () => {
    w.connected = true;
  });
  const resync = () => {
    void socket
      .timeout(10_000)
      .emitWithAck('presence:sync')
      .then(
        (ack: { ok: boolean } & PresenceUpdated) => {
          if (ack.ok && w.mirror.snapshot(ack) === 'gap') resync();
        },
        () => undefined,
      );
  };
  socket.on('presence:updated', (list: PresenceUpdated) => {
    if (w.mirror.snapshot(list) === 'gap') resync();
  });
  socket.on('presence:changed', (delta: PresenceChanged) => {
    if (w.mirror.changed(delta) === 'gap') resync();
  });
  return w;
}

/**
 * The presence storm (issue #15): N socket.io clients start connecting within `joinWindowMs`,
 * spread evenly; done when every one is connected and lists all N (its view complete).
 * Bytes are counted at the clients, so they are what the server sent them. Works against a
 * server that sends the whole list at each change (before) and one that sends deltas (after).
 */
export async function runPresenceStorm(
  task: PresenceStormTask,
  phase: (p: 'connect' | 'measure' | 'drain') => Promise<void>,
): Promise<PresenceStormResult> {
  const watchers: Watcher[] = [];
  const n = task.tokens.length;
  try {
    await phase('measure');
    const start = now();
    const step = task.joinWindowMs / n;
    for (let i = 0; i < n; i++) {
      const wait = start + i * step - now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      watchers.push(watch(task.httpUrl, task.tokens[i]!));
    }
    const lastStartedMs = now() - start;
    let connectedMs: number | null = null;
    let listedMs: number | null = null;
    const deadline = start + task.timeoutMs;
    while (now() < deadline) {
      if (connectedMs === null && watchers.every((w) => w.connected)) connectedMs = now() - start;
      if (watchers.every((w) => w.mirror.size === n && w.mirror.inSync)) {
        listedMs = now() - start;
        connectedMs ??= listedMs;
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    await phase('drain');
    // Presence may still be settling (a second delta window): let it, then count.
    await new Promise((r) => setTimeout(r, task.settleMs));
    const totalBytes = watchers.reduce((t, w) => t + w.bytes, 0);
    const presenceBytes = watchers.reduce((t, w) => t + w.presenceBytes, 0);
    return {
      kind: 'presenceStorm',
      clients: n,
      joinWindowMs: task.joinWindowMs,
      lastStartedMs,
      connectedMs,
      listedMs,
      listedClients: watchers.filter((w) => w.mirror.size === n).length,
      serverBytes: totalBytes,
      presenceBytes,
      bytesPerClient: totalBytes / n,
      converged: listedMs !== null,
    };
  } finally {
    for (const w of watchers) w.socket.close();
  }
}
