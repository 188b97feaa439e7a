import { SHORT_CODE_ALPHABET, SHORT_CODE_LENGTH, type Role } from '@roundtable/protocol';

/** Normalises a typed short code: case, spaces and dashes do not matter. */
export function normaliseShortCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** True when the string could be a short code (after normalising). */
export function isShortCode(code: string): boolean {
  return code.length === SHORT_CODE_LENGTH && [...code].every((c) => SHORT_CODE_ALPHABET.includes(c));
}

/** Builds a short code from random bytes (the caller brings the randomness: no I/O here). */
export function shortCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < SHORT_CODE_LENGTH) throw new Error('not enough random bytes');
  let out = '';
  for (let i = 0; i < SHORT_CODE_LENGTH; i++) {
    // 256 % 31 leaves a small bias; codes are guarded by rate limits, not by uniformity.
    out += SHORT_CODE_ALPHABET[bytes[i]! % SHORT_CODE_ALPHABET.length];
  }
  return out;
}

/** How a short code is shown: two groups of four. */
export function formatShortCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The three codes of a session, as the store keeps them. */
export interface SessionCodes {
  participantCode: string;
  observerCode: string;
  /** SHA-256 of the facilitator code. */
  facilitatorCodeHash: string;
}

/**
 * The role a join code grants in the session it opened, or undefined when it opens none
 * of its doors. The facilitator code wins: it is matched by hash, the short codes in clear.
 */
export function roleForCode(codes: SessionCodes, shortCode: string, facilitatorCodeHash: string): Role | undefined {
  if (codes.facilitatorCodeHash === facilitatorCodeHash) return 'facilitator';
  if (shortCode === '') return undefined;
  if (codes.participantCode === shortCode) return 'participant';
  if (codes.observerCode === shortCode) return 'observer';
  return undefined;
}
