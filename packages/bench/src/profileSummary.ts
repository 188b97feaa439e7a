/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`, e.g. `pnpm bench --cpu-prof DIR`):
 * the functions with the most self time, and self time per package/file.
 *
 *   pnpm --filter @roundtable/bench exec tsx src/profileSummary.ts FILE.cpuprofile [TOP]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface FrameTime {
  name: string;
  selfMs: number;
  pct: number;
}

/** Where a script URL belongs: an npm package, node itself, or the app's own bundle. */
function ownerOf(url: string): string {
  if (!url) return '(native/V8)';
  if (url.startsWith('node:')) return 'node core';
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  return url
    .replace(/^file:\/\//, '')
    .split('/')
    .slice(-2)
    .join('/');
}

/** Self time per function and per owner, in ms, sorted descending. */
export function summariseProfile(profile: CpuProfile): { total: number; frames: FrameTime[]; owners: FrameTime[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  // Each sample's time is the delta to the next sample.
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
  }
  const frames = new Map<string, number>();
  const owners = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    const { functionName, url, lineNumber } = n.callFrame;
    const name = `${functionName || '(anonymous)'} ${ownerOf(url)}:${lineNumber + 1}`;
    frames.set(name, (frames.get(name) ?? 0) + us);
    const owner = ['(idle)', '(program)', '(garbage collector)'].includes(functionName) ? functionName : ownerOf(url);
    owners.set(owner, (owners.get(owner) ?? 0) + us);
    total += us;
  }
  const sorted = (m: Map<string, number>) =>
    [...m.entries()]
      .map(([name, us]) => ({ name, selfMs: us / 1000, pct: (100 * us) / total }))
      .sort((a, b) => b.selfMs - a.selfMs);
  return { total: total / 1000, frames: sorted(frames), owners: sorted(owners) };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const [file, top = '25'] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: tsx src/profileSummary.ts FILE.cpuprofile [TOP]\n');
    process.exit(2);
  }
  const { total, frames, owners } = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  const row = (f: FrameTime) => `${f.pct.toFixed(1).padStart(5)} %  ${f.selfMs.toFixed(0).padStart(7)} ms  ${f.name}`;
  process.stdout.write(`${file}: ${(total / 1000).toFixed(1)} s sampled\n\nSelf time by package/file:\n`);
  process.stdout.write(`${owners.slice(0, 15).map(row).join('\n')}\n\nTop functions (self time):\n`);
  process.stdout.write(`${frames.slice(0, Number(top)).map(row).join('\n')}\n`);
}
