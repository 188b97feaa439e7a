import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as client from './client.js';
import * as protocol from './index.js';

const source = (module: string) => readFileSync(new URL(module.replace(/\.js$/, '.ts'), import.meta.url), 'utf8');

/** The modules `module` loads at run time: its imports and re-exports that are not type-only. */
function runtimeImports(module: string): string[] {
  const text = source(module);
  const found: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^;]*?\sfrom\s+)?'([^']+)'/gms)) found.push(m[1]!);
  return found;
}

describe('@roundtable/protocol/client', () => {
  it('loads no zod, directly or through the modules it loads', () => {
    const seen = new Set<string>();
    const visit = (module: string) => {
      if (seen.has(module)) return;
      seen.add(module);
      for (const dep of runtimeImports(module)) {
        expect(dep.startsWith('./'), `${module} loads ${dep}`).toBe(true);
        visit(dep);
      }
    };
    visit('./client.js');
    // None of the schema modules (each imports zod, so the walk above would have failed).
    expect(seen.has('./votes.js') || seen.has('./primitives.js')).toBe(false);
  });

  it('is the same values as the main entry', () => {
    const main = new Map(Object.entries(protocol));
    for (const [name, value] of Object.entries(client)) expect(main.get(name), name).toBe(value);
  });
});
