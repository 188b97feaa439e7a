/**
 * A byte budget: `capacity` bytes, refilled at `bytesPerSecond`. Unlike a TokenBucket, a
 * refused amount takes nothing: a client that is closed for a large frame and sends it again
 * on reconnection gets through once the budget has refilled, instead of sinking into a debt
 * that its retries keep deepening. Time is given by the caller.
 */
export class ByteBudget {
  private bytes: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly bytesPerSecond: number,
    now: number,
  ) {
    this.bytes = capacity;
    this.last = now;
  }

  /** Takes `amount` bytes if the budget holds them; false (and nothing taken) otherwise. */
  take(amount: number, now: number): boolean {
    this.refill(now);
    if (amount > this.bytes) return false;
    this.bytes -= amount;
    return true;
  }

  /** True once the budget is whole again: it can be forgotten, a new one would be the same. */
  isFull(now: number): boolean {
    this.refill(now);
    return this.bytes >= this.capacity;
  }

  private refill(now: number): void {
    this.bytes = Math.min(this.capacity, this.bytes + (Math.max(0, now - this.last) / 1000) * this.bytesPerSecond);
    this.last = now;
  }
}
