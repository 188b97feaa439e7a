export * from './permissions.js';
export * from './recommendations.js';
export * from './codes.js';
