import { describe, expect, it } from 'vitest';
import { isAlignmentStamp } from './draftFields.js';
import { AlignmentStamp } from './versions.js';

const stamp = { seq: 3, at: '2026-12-02T08:00:00.000Z', by: 'p_1', name: 'Anne' };

/** Stamps, fitting and not, and things that are no stamp at all. */
const SAMPLES: unknown[] = [
  stamp,
  { ...stamp, seq: 0 },
  { ...stamp, seq: Number.MAX_SAFE_INTEGER },
  { ...stamp, seq: Number.MAX_SAFE_INTEGER + 1 },
  { ...stamp, seq: -1 },
  { ...stamp, seq: 1.5 },
  { ...stamp, seq: '3' },
  { ...stamp, seq: Number.NaN },
  { ...stamp, at: 'x'.repeat(40) },
  { ...stamp, at: 'x'.repeat(41) },
  { ...stamp, by: 'x'.repeat(64) },
  { ...stamp, by: 'x'.repeat(65) },
  { ...stamp, name: 'x'.repeat(80) },
  { ...stamp, name: 'x'.repeat(81) },
  { ...stamp, name: '' },
  { ...stamp, name: 7 },
  { ...stamp, extra: true },
  { ...stamp, at: undefined },
  { seq: 1, at: 'now', by: 'p' },
  {},
  [stamp],
  null,
  undefined,
  'stamp',
  42,
];

describe('isAlignmentStamp', () => {
  it('accepts what the AlignmentStamp schema accepts, and nothing else', () => {
    const mismatches = SAMPLES.filter((s) => isAlignmentStamp(s) !== AlignmentStamp.safeParse(s).success);
    expect(mismatches).toEqual([]);
    expect(SAMPLES.filter((s) => isAlignmentStamp(s)).length).toBeGreaterThan(3);
  });
});
