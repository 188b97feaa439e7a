import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import { MAX_YJS_MESSAGE_BYTES } from '@roundtable/protocol';
import { MAX_SOCKET_MESSAGE_BYTES } from '../../src/realtime/SocketGateway.js';
import { connectSocket, rawYjs } from './testServer.js';

/**
 * One misbehaving client: each function sends one kind of bad traffic and reports how
 * the server ended it, so a test can check that it was cut off, and how.
 */

/** Runs `count` tasks, `concurrency` at a time. */
export async function inPool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

/** Sync message, "update" subtype, then a length that runs past the end of the frame. */
export const TRUNCATED_UPDATE = new Uint8Array([0, 2, 200, 1, 7]);
/** An awareness update naming no client: valid, costs the server a decode and nothing else. */
export const EMPTY_AWARENESS = new Uint8Array([1, 1, 0]);

/** Garbage frames, one kind per connection index: an unknown type, a truncated update, random bytes. */
function malformedFrame(i: number): Uint8Array {
  switch (i % 3) {
    case 0:
      return new Uint8Array([9, 9, 9]);
    case 1:
      return TRUNCATED_UPDATE;
    default: {
      // A sync update whose payload is not a Yjs update: decodes, then fails to apply.
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(
        e,
        new Uint8Array(64).map((_, k) => (k * 37 + i) & 0xff),
      );
      return encoding.toUint8Array(e);
    }
  }
}

/** Opens a Yjs connection, sends `frames` as soon as it opens, and resolves with the close code. */
async function yjsSession(
  wsUrl: string,
  docName: string,
  token: string | undefined,
  frames: Uint8Array[],
): Promise<number> {
  const conn = rawYjs(wsUrl, docName, token);
  conn.opened.then(
    () => {
      for (const f of frames) conn.ws.send(f);
    },
    () => undefined,
  );
  return (await conn.closed).code;
}

/** `count` connections, each sending one malformed frame; the close code of each. */
export const yjsMalformed = (wsUrl: string, docName: string, token: string, count: number, concurrency: number) =>
  inPool(count, concurrency, (i) => yjsSession(wsUrl, docName, token, [malformedFrame(i)]));

/** `count` connections with a forged token; the close code of each. */
export const yjsForged = (wsUrl: string, docName: string, token: string, count: number, concurrency: number) =>
  inPool(count, concurrency, (i) => {
    const forgedToken = `${token.slice(0, -4)}${String(i).padStart(4, 'x')}`;
    return yjsSession(wsUrl, docName, forgedToken, [TRUNCATED_UPDATE]);
  });

/** `count` connections each sending one frame over MAX_YJS_MESSAGE_BYTES; the close code of each. */
export function yjsOversized(wsUrl: string, docName: string, token: string, count: number): Promise<number[]> {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, new Uint8Array(MAX_YJS_MESSAGE_BYTES + 1));
  const frame = encoding.toUint8Array(e);
  return inPool(count, 1, () => yjsSession(wsUrl, docName, token, [frame]));
}

/** One connection sending `frames` valid but pointless frames as fast as it can; its close code. */
export const yjsFrameFlood = (wsUrl: string, docName: string, token: string, frames: number) =>
  yjsSession(
    wsUrl,
    docName,
    token,
    Array.from({ length: frames }, () => EMPTY_AWARENESS),
  );

/** `count` socket.io connections with a forged token; how many were refused with connect_error. */
export async function socketForged(url: string, token: string, count: number, concurrency: number): Promise<number> {
  const refused = await inPool(
    count,
    concurrency,
    (i) =>
      new Promise<boolean>((resolve) => {
        const socket = connectSocket(url, `${token}${i}`, ['websocket']);
        socket.on('connect', () => {
          socket.close();
          resolve(false);
        });
        socket.on('connect_error', () => {
          socket.close();
          resolve(true);
        });
      }),
  );
  return refused.filter(Boolean).length;
}

export interface SocketFloodResult {
  /** Error codes of the acks received, ok acks as 'ok'. */
  acks: string[];
  /** Why the socket ended ('io server disconnect': the server cut it off). */
  disconnectReason: string;
}

/**
 * An authenticated socket.io connection sending `events` events as fast as it can:
 * garbage payloads to known events, unknown event names, events without ack. With
 * `answeredFirst`, it first sends that many valid requests and waits for their answers.
 */
export async function socketEventFlood(
  url: string,
  token: string,
  events: number,
  answeredFirst = 0,
): Promise<SocketFloodResult> {
  const socket = connectSocket(url, token, ['websocket']);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const acks: string[] = [];
  const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
  type AckResult = { ok: boolean; error?: { code: string } };
  const raw = socket as unknown as {
    emit(event: string, ...args: unknown[]): void;
    emitWithAck(event: string, ...args: unknown[]): Promise<AckResult>;
  };
  const onAck = (res: AckResult) => acks.push(res.ok ? 'ok' : (res.error?.code ?? '?'));
  for (let i = 0; i < answeredFirst; i++) onAck(await raw.emitWithAck('presence:list', null));
  for (let i = 0; i < events && socket.connected; i++) {
    switch (i % 5) {
      case 0:
        raw.emit('vote:cast', 'garbage', onAck);
        break;
      case 1:
        raw.emit('vote:open', { method: 'nonsense', question: 42 }, onAck);
        break;
      case 2:
        raw.emit(`unknown:event:${i}`, { junk: 'x'.repeat(100) });
        break;
      case 3:
        raw.emit('presence:list', { unexpected: true }, onAck);
        break;
      default:
        raw.emit('vote:close', null);
    }
  }
  const disconnectReason = await disconnected;
  socket.close();
  return { acks, disconnectReason };
}

/** An authenticated socket.io connection sending one message over MAX_SOCKET_MESSAGE_BYTES; why it ended. */
export async function socketOversized(url: string, token: string): Promise<string> {
  const socket = connectSocket(url, token, ['websocket']);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
  socket.emit('vote:cast', { voteId: 'x'.repeat(MAX_SOCKET_MESSAGE_BYTES + 1), ballot: {} }, () => undefined);
  const reason = await disconnected;
  socket.close();
  return reason;
}

/**
 * Raw websockets to the socket.io endpoint sending packets that are not socket.io: each
 * resolves with the websocket close code once the server has dropped it.
 */
export function engineGarbage(wsUrl: string, token: string, count: number, concurrency: number): Promise<number[]> {
  const garbage = [
    '42["vote:cast",{"voteId":', // truncated JSON
    '4Z', // unknown packet type
    '\u0000\u0001\u0002 not engine.io',
  ];
  return inPool(
    count,
    concurrency,
    (i) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${wsUrl}/socket.io/?EIO=4&transport=websocket`);
        ws.on('error', () => undefined);
        ws.on('close', (code) => resolve(code));
        let opened = false;
        ws.on('message', (data: Buffer) => {
          const text = data.toString();
          if (!opened && text.startsWith('0')) {
            opened = true;
            ws.send(`40${JSON.stringify({ token })}`);
            return;
          }
          if (text.startsWith('40') || text.startsWith('44')) ws.send(garbage[i % garbage.length]!);
          if (text === '2') ws.send('3'); // answer pings, so only the garbage can end it
        });
      }),
  );
}
