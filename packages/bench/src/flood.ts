/**
 * The hostile scenario's attacker, a process of its own (forked by load.ts): argv is the
 * attacker's Yjs URL and the text bytes of each paste update. On the message 'stop' it sends
 * what it did back and exits.
 */
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { DRAFT_BODY_FIELD } from '@roundtable/protocol';
import { encodeUpdateFrame } from './clients.js';
import type { HostileResult } from './tasks.js';

/** Distinct updates the attacker cycles through (each from its own Y.Doc). */
const FLOOD_FRAMES = 8;

/**
 * The attacker: paste updates of `bytes` letters, each new, sent as fast as the socket takes
 * them; closed, it reconnects at once (a stock client would stop on 44xx; this one does not).
 */
function startFlood(url: string, bytes: number): { stop(): HostileResult['flood'] } {
  const flood: HostileResult['flood'] = { framesSent: 0, mbSent: 0, connections: 0, closes: {} };
  let running = true;
  let ws: WebSocket | undefined;
  // Made once: building them during the run would spend the load process's CPU, not the server's.
  const frames = Array.from({ length: FLOOD_FRAMES }, (_, i) => {
    const doc = new Y.Doc();
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(String.fromCharCode(97 + i).repeat(bytes))]);
    doc.getXmlFragment(DRAFT_BODY_FIELD).insert(0, [p]);
    return encodeUpdateFrame(Y.encodeStateAsUpdate(doc));
  });
  let seq = 0;
  const frame = () => frames[seq++ % frames.length]!;
  const connect = () => {
    if (!running) return;
    flood.connections++;
    const socket = new WebSocket(url);
    ws = socket;
    socket.on('error', () => undefined);
    const pump = () => {
      // Keep a few frames queued, not more: the flood is at the server's pace, not the heap's.
      while (running && socket.readyState === WebSocket.OPEN && socket.bufferedAmount < 4 * bytes) {
        const f = frame();
        socket.send(f);
        flood.framesSent++;
        flood.mbSent += f.length / (1024 * 1024);
      }
      if (running && socket.readyState === WebSocket.OPEN) setTimeout(pump, 5);
    };
    socket.on('open', () => {
      if (flood.connections === 1) process.send!('flooding');
      pump();
    });
    socket.on('close', (code) => {
      flood.closes[code] = (flood.closes[code] ?? 0) + 1;
      setTimeout(connect, 10);
    });
  };
  connect();
  return {
    stop() {
      running = false;
      ws?.terminate();
      return flood;
    },
  };
}

const [url, bytes] = process.argv.slice(2);
const flood = startFlood(url!, Number(bytes));
process.on('disconnect', () => process.exit(2));
process.on('message', () => {
  process.send!(flood.stop(), () => process.exit(0));
});
