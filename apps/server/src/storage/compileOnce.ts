import type { Compilable, CompiledQuery } from 'kysely';

/** Marks the place of a named value while the query is compiled once. */
const slot = (name: string) => `\u0000slot:${name}`;

/**
 * A query Kysely builds and compiles once; each call only puts its values in the parameter
 * list. Building and compiling a Kysely query costs tens of microseconds, as much as the
 * statement itself on SQLite, so the hot paths (ballot write) pay it once per process.
 * `build` receives placeholders for the values that change from call to call; any other
 * value it binds (a constant like 'open') keeps the value it was compiled with.
 */
export function compileOnce<K extends string, R>(
  names: readonly K[],
  build: (slots: Record<K, never>) => Compilable<R>,
): (values: Record<K, unknown>) => Compilable<R> {
  let template: { compiled: CompiledQuery<R>; order: (K | { fixed: unknown })[] } | undefined;
  const compileTemplate = () => {
    const slots = Object.fromEntries(names.map((n) => [n, slot(n)])) as Record<K, never>;
    const compiled = build(slots).compile();
    const order = compiled.parameters.map((p) => {
      const name = names.find((n) => slot(n) === p);
      return name ?? { fixed: p };
    });
    return { compiled, order };
  };
  return (values) => ({
    compile: () => {
      template ??= compileTemplate();
      const { compiled, order } = template;
      return { ...compiled, parameters: order.map((n) => (typeof n === 'object' ? n.fixed : values[n])) };
    },
  });
}
