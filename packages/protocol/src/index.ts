// First, before any schema is built (see the module).
import './parseWithoutEval.js';
// The values without zod (also the browser's entry, client.ts).
export * from './client.js';
// The schemas, and the types inferred from them.
export * from './primitives.js';
export * from './enums.js';
export * from './http.js';
export * from './votes.js';
export * from './versions.js';
export * from './amendments.js';
export * from './facilitation.js';
export * from './questions.js';
export * from './events.js';
