import { UniqueViolation } from '../Storage.js';

/** SQLite's and PostgreSQL's (SQLSTATE) codes for a unique constraint violation. */
const UNIQUE_VIOLATION_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', '23505']);

/**
 * Rows per multi-row INSERT: SQLite binds at most 32,766 parameters and PostgreSQL 65,535;
 * a group commit of Yjs updates is far below this, a long backlog or invitation list is split.
 */
export const MAX_ROWS_PER_INSERT = 500;

/** A unique constraint violation as our own error; anything else unchanged. */
export function asUniqueViolation(err: unknown): unknown {
  return UNIQUE_VIOLATION_CODES.has((err as { code?: string }).code ?? '') ? new UniqueViolation() : err;
}

/** SQLite stores booleans as 0/1, and PostgreSQL's boolean reads 0/1 too. */
export const bit = (value: boolean) => (value ? 1 : 0);

export const toBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
