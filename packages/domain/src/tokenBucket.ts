/**
 * A token bucket: `capacity` tokens, refilled at `ratePerSecond`. Each message takes
 * one; a sender that keeps going empty-handed falls into debt, which tells a burst
 * (refused) from a flood (cut off). Time is given by the caller.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly ratePerSecond: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  /** Takes a token; false when none is left (the message should be refused). */
  take(now: number): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    this.tokens -= 1;
    return this.tokens >= 0;
  }

  /** True once refused messages amount to a whole bucket: a flood, not a burst. */
  get flooding(): boolean {
    return this.tokens <= -this.capacity;
  }
}
