import { describe, expect, it } from 'vitest';
import { formatShortCode, isShortCode, normaliseShortCode, shortCodeFromBytes } from './codes.js';

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
