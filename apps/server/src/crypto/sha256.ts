import { createHash } from 'node:crypto';

/** Hex SHA-256 of a string's UTF-8 bytes: join-code lookups and the fingerprint of a text voted on. */
export function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}
