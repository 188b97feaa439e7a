// First, before any schema is built (see the module).
import './parseWithoutEval.js';
export * from './primitives.js';
export * from './enums.js';
export * from './codes.js';
export * from './limits.js';
export * from './http.js';
export * from './realtime.js';
export * from './votes.js';
export * from './versions.js';
export * from './facilitation.js';
export * from './questions.js';
export * from './events.js';
