import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, referenceServerEntry } from './servers.js';

function packageVersion(dir: string): string {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

/** The machine and the versions measured, recorded with every run's figures. */
export function environment() {
  const referenceDir = dirname(dirname(referenceServerEntry()));
  const benchModules = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules');
  return {
    machine: {
      cpus: os.availableParallelism(),
      model: os.cpus()[0]?.model ?? 'unknown',
      memoryGB: Math.round(os.totalmem() / 1024 ** 3),
      kernel: `${os.type()} ${os.release()}`,
      node: process.version,
      /** Others' work on a shared machine shows here (and in otherCpuMeasurePct). */
      loadAverageAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
    },
    versions: {
      roundtableCommit: git(['rev-parse', '--short', 'HEAD']),
      // Uncommitted changes in what the server is built from make the figures provisional.
      roundtableDirty:
        git(['status', '--porcelain', '--', 'apps/server', 'packages/protocol', 'packages/domain']) !== '',
      referenceServer: `@y/websocket-server ${packageVersion(referenceDir)}`,
      yjs: packageVersion(join(benchModules, 'yjs')),
      referenceYjs: packageVersion(join(referenceDir, '..', '..', 'yjs')),
      referenceWs: packageVersion(join(referenceDir, '..', '..', 'ws')),
    },
  };
}
