/*
 * `@roundtable/protocol/client`: the protocol without zod, for the web app. Every constant,
 * limit, closed list and pure helper, and every type (types vanish at run time, so the
 * schemas they are inferred from are not loaded). The schemas themselves are in the main
 * entry, for the server and tests: zod and the schemas were ~25 KiB brotli of the
 * follow-along page's scripts, which the browser never used (issue #12).
 * A module exported here as values must not load zod (src/client.test.ts; the built page is
 * checked in apps/web/e2e/catalogues.test.ts).
 */
export * from './codes.js';
export * from './limits.js';
export * from './textRules.js';
export * from './timeZones.js';
export * from './enumValues.js';
export * from './draftFields.js';
export * from './voteValues.js';
export * from './facilitationValues.js';
export * from './amendmentValues.js';
export * from './realtime.js';
export type * from './primitives.js';
export type * from './enums.js';
export type * from './http.js';
export type * from './votes.js';
export type * from './versions.js';
export type * from './amendments.js';
export type * from './facilitation.js';
export type * from './questions.js';
export type * from './events.js';
