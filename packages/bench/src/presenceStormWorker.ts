import { parentPort, workerData } from 'node:worker_threads';
import { io, type Socket } from 'socket.io-client';
import { PresenceMirror } from '@roundtable/domain';
import type { PresenceChanged, PresenceUpdated } from '@roundtable/protocol';
import { now } from './yFrames.js';

/** What the storm hands each worker: its share of the clients, by their place in the storm. */
export interface StormWorkerData {
  httpUrl: string;
  /** This worker's clients: each one's token and its index among all N. */
  clients: { token: string; index: number }[];
  /** Every client of the storm, all workers together: a complete view lists them all. */
  n: number;
  /** Client `index` starts connecting at `start + index * stepMs` (epoch ms, from {@link now}). */
  stepMs: number;
}

/** The storm to a worker: start at this time; then, once it has settled, count and close. */
export type ToStormWorker = { type: 'go'; start: number } | { type: 'count' };

/** A worker to the storm: loaded; its clients all started, all connected, all listing N; its counts. */
export type FromStormWorker =
  | { type: 'ready' }
  | { type: 'started'; at: number }
  | { type: 'connected'; at: number }
  | { type: 'listed'; at: number }
  | { type: 'counted'; bytes: number; presenceBytes: number; listedClients: number };

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

const port = parentPort!;
const { httpUrl, clients, n, stepMs } = workerData as StormWorkerData;
const watchers: Watcher[] = [];
const post = (m: FromStormWorker) => port.postMessage(m);
let counted = false;

async function storm(start: number): Promise<void> {
  for (const { token, index } of clients) {
    const wait = start + index * stepMs - now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    watchers.push(watch(httpUrl, token));
  }
  post({ type: 'started', at: now() });
  let connected = false;
  // Until the storm asks for the counts: it ends the wait at its deadline.
  while (!counted) {
    if (!connected && watchers.every((w) => w.connected)) {
      connected = true;
      post({ type: 'connected', at: now() });
    }
    if (watchers.every((w) => w.mirror.size === n && w.mirror.inSync)) {
      post({ type: 'listed', at: now() });
      return;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

port.on('message', (m: ToStormWorker) => {
  if (m.type === 'go') {
    void storm(m.start);
    return;
  }
  counted = true;
  post({
    type: 'counted',
    bytes: watchers.reduce((t, w) => t + w.bytes, 0),
    presenceBytes: watchers.reduce((t, w) => t + w.presenceBytes, 0),
    listedClients: watchers.filter((w) => w.mirror.size === n).length,
  });
  for (const w of watchers) w.socket.close();
  port.close();
});
post({ type: 'ready' });
