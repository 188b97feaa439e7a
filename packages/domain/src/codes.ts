import { PERSONAL_CODE_LENGTH, SHORT_CODE_ALPHABET, SHORT_CODE_LENGTH, type Role } from '@roundtable/protocol/client';

/** Normalises a typed short code: case, spaces and dashes do not matter. */
export function normaliseShortCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** True when the string could be a short code (after normalising). */
export function isShortCode(code: string): boolean {
  return code.length === SHORT_CODE_LENGTH && [...code].every((c) => SHORT_CODE_ALPHABET.includes(c));
}

/** True when the string could be a personal invitation code (after normalising). */
export function isPersonalCode(code: string): boolean {
  return code.length === PERSONAL_CODE_LENGTH && [...code].every((c) => SHORT_CODE_ALPHABET.includes(c));
}

/**
 * Builds a personal code from random bytes (two per character). Rejection sampling keeps
 * it uniform: each character carries the full log2(31) bits, so 14 of them carry ~69.
 * Returns undefined when the bytes ran out before (very unlikely: the caller draws again).
 */
export function personalCodeFromBytes(bytes: Uint8Array): string | undefined {
  const n = SHORT_CODE_ALPHABET.length;
  // The largest multiple of 31 below 2^16: values at or above it would bias the draw.
  const limit = 65536 - (65536 % n);
  let out = '';
  for (let i = 0; i + 1 < bytes.length && out.length < PERSONAL_CODE_LENGTH; i += 2) {
    const v = bytes[i]! * 256 + bytes[i + 1]!;
    if (v < limit) out += SHORT_CODE_ALPHABET[v % n];
  }
  return out.length === PERSONAL_CODE_LENGTH ? out : undefined;
}

/** How a personal code is printed: groups of four, five and five. */
export function formatPersonalCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 9)}-${code.slice(9)}`;
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
