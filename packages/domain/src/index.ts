export * from './permissions.js';
export * from './recommendations.js';
export * from './codes.js';
export * from './drafts.js';
export * from './votes/index.js';
export * from './facilitation/index.js';
export * from './tokenBucket.js';
export * from './byteBudget.js';
