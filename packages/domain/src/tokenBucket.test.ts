import { describe, expect, it } from 'vitest';
import { TokenBucket } from './tokenBucket.js';

describe('TokenBucket', () => {
  it('allows a burst up to its capacity, then refuses until it refills', () => {
    const bucket = new TokenBucket(3, 1, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([true, true, true, false]);
    // One token a second; the refused take left a debt of one.
    expect(bucket.take(1000)).toBe(false);
    expect(bucket.take(3000)).toBe(true);
  });

  it('tells a flood from a burst', () => {
    const bucket = new TokenBucket(2, 1, 0);
    for (let i = 0; i < 3; i++) bucket.take(0);
    expect(bucket.flooding).toBe(false);
    bucket.take(0);
    expect(bucket.flooding).toBe(true);
  });
});
