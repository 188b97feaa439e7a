import { describe, expect, it } from 'vitest';
import { formatShortCode, isShortCode, normaliseShortCode, roleForCode, shortCodeFromBytes } from './codes.js';

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
