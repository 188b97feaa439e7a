import { describe, expect, it } from 'vitest';
import { formatDuration } from './formatDuration';

describe('formatDuration', () => {
  it('shows mm:ss under an hour', () => {
    expect(formatDuration(0)).toBe('00:00');
    expect(formatDuration(65_000)).toBe('01:05');
    expect(formatDuration(59 * 60_000 + 59_000)).toBe('59:59');
  });

  it('adds hours from an hour on, without padding them', () => {
    expect(formatDuration(3_600_000)).toBe('1:00:00');
    expect(formatDuration(12 * 3_600_000 + 61_000)).toBe('12:01:01');
  });

  it('rounds up by default, so a countdown shows 00:01 until the last second is over', () => {
    expect(formatDuration(1)).toBe('00:01');
    expect(formatDuration(999)).toBe('00:01');
    expect(formatDuration(59_001)).toBe('01:00');
  });

  it('rounds down when asked (elapsed time)', () => {
    expect(formatDuration(999, 'down')).toBe('00:00');
    expect(formatDuration(61_999, 'down')).toBe('01:01');
  });

  it('treats a negative duration as zero', () => {
    expect(formatDuration(-5_000)).toBe('00:00');
    expect(formatDuration(-5_000, 'down')).toBe('00:00');
  });
});
