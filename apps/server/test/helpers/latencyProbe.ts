import { performance } from 'node:perf_hooks';
import type * as Y from 'yjs';
import { appendParagraph } from './testServer.js';

const PROBE = /probe (\d+)/;

export interface LatencySample {
  /** performance.now() when the editor made the edit. */
  sentAt: number;
  /** Until the watcher, another client of the same draft, had it. */
  latencyMs: number;
}

export interface LatencyProbe {
  /** Edits made so far. */
  readonly sent: number;
  /** Stops editing and resolves once every edit made has arrived, with one sample per edit. */
  stop(timeoutMs?: number): Promise<LatencySample[]>;
}

/**
 * A well-behaved editor typing a line every `intervalMs` while a watcher on the same
 * draft times each line's arrival: the round trip a participant sees.
 */
export function startLatencyProbe(
  editorBody: Y.XmlFragment,
  watcherBody: Y.XmlFragment,
  intervalMs: number,
): LatencyProbe {
  const sentAt = new Map<number, number>();
  const samples: LatencySample[] = [];
  let seen = 0;
  let next = 0;
  const scan = () => {
    for (; seen < watcherBody.length; seen++) {
      const m = PROBE.exec(watcherBody.get(seen).toString());
      const at = m ? sentAt.get(Number(m[1])) : undefined;
      if (at !== undefined) samples.push({ sentAt: at, latencyMs: performance.now() - at });
    }
  };
  watcherBody.doc!.on('update', scan);
  const timer = setInterval(() => {
    const n = next++;
    sentAt.set(n, performance.now());
    appendParagraph(editorBody, `probe ${n}`);
  }, intervalMs);
  return {
    get sent() {
      return next;
    },
    async stop(timeoutMs = 10_000) {
      clearInterval(timer);
      const deadline = Date.now() + timeoutMs;
      while (samples.length < next && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      watcherBody.doc!.off('update', scan);
      if (samples.length < next) throw new Error(`only ${samples.length} of ${next} probe edits arrived`);
      return samples;
    },
  };
}

/** The q-quantile (0..1) of some numbers, nearest-rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
