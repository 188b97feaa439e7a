import { describe, expect, it } from 'vitest';
import { longestStallMs } from './loopStall.js';

const lines = ['1000 3.10', '1250 61.50', '1500 4.00', '1750 12.00', '2000 80.00', ''].join('\n');

describe('longestStallMs', () => {
  it('takes every window that overlaps the run, the one covering its end too', () => {
    expect(longestStallMs(lines, { from: 1200, to: 1600 })).toBe(61.5);
    expect(longestStallMs(lines, { from: 1400, to: 1600 })).toBe(12);
  });

  it('ignores the windows wholly before or after the run', () => {
    expect(longestStallMs(lines, { from: 1250, to: 1500 })).toBe(4);
  });

  it('is NaN when nothing was recorded', () => {
    expect(longestStallMs('', { from: 0, to: 10 })).toBeNaN();
    expect(longestStallMs('garbage\n', { from: 0, to: 10 })).toBeNaN();
  });
});
