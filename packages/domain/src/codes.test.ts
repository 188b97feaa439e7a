import { describe, expect, it } from 'vitest';
import { PERSONAL_CODE_LENGTH } from '@roundtable/protocol';
import {
  formatPersonalCode,
  formatShortCode,
  isPersonalCode,
  isShortCode,
  normaliseShortCode,
  personalCodeFromBytes,
  roleForCode,
  shortCodeFromBytes,
} from './codes.js';

describe('short codes', () => {
  it('builds codes from the unambiguous alphabet only', () => {
    const code = shortCodeFromBytes(new Uint8Array([0, 1, 30, 31, 62, 200, 255, 17]));
    expect(isShortCode(code)).toBe(true);
    expect(code).not.toMatch(/[01OIL]/);
  });

  it('reads a code typed with dashes, spaces and lower case', () => {
    const code = shortCodeFromBytes(new Uint8Array([5, 6, 7, 8, 9, 10, 11, 12]));
    expect(normaliseShortCode(` ${formatShortCode(code).toLowerCase()} `)).toBe(code);
  });

  it('refuses strings that cannot be codes', () => {
    expect(isShortCode('ABCD')).toBe(false);
    expect(isShortCode('ABCDEFG0')).toBe(false);
  });
});

describe('roleForCode', () => {
  const codes = { participantCode: 'AAAABBBB', observerCode: 'CCCCDDDD', facilitatorCodeHash: 'hash' };
  it('gives each code its role', () => {
    expect(roleForCode(codes, 'AAAABBBB', 'x')).toBe('participant');
    expect(roleForCode(codes, 'CCCCDDDD', 'x')).toBe('observer');
    expect(roleForCode(codes, '', 'hash')).toBe('facilitator');
  });
  it('opens nothing for a code of another session', () => {
    expect(roleForCode(codes, 'NOPE', 'nope')).toBeUndefined();
    expect(roleForCode(codes, '', 'nope')).toBeUndefined();
  });
});

describe('personal codes', () => {
  it('draws uniformly from the alphabet, skipping values that would bias it', () => {
    // 0xFFFF is above the largest multiple of 31 below 2^16: it is skipped, not folded.
    const bytes = new Uint8Array(30).fill(0);
    bytes[0] = 0xff;
    bytes[1] = 0xff;
    const code = personalCodeFromBytes(bytes);
    expect(code).toBe('2'.repeat(PERSONAL_CODE_LENGTH));
    expect(isPersonalCode(code!)).toBe(true);
  });

  it('asks for more bytes rather than return a short code', () => {
    expect(personalCodeFromBytes(new Uint8Array(PERSONAL_CODE_LENGTH * 2).fill(0xff))).toBeUndefined();
  });

  it('reads a printed code back, and is never taken for a short code', () => {
    const code = personalCodeFromBytes(new Uint8Array(Array.from({ length: 28 }, (_, i) => i * 37)))!;
    expect(normaliseShortCode(formatPersonalCode(code).toLowerCase())).toBe(code);
    expect(isShortCode(code)).toBe(false);
  });
});
