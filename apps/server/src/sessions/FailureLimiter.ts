/**
 * Counts distinct failures per key (a client address) in a sliding window. Only failures
 * count, so a whole venue behind one NAT address can join, while guessing codes cannot go
 * on; and a failure is counted once per `detail` (the code tried), so a person retyping the
 * same typo or a client retrying one request does not use up the budget meant for guesses.
 */
export class FailureLimiter {
  /** key -> detail -> when it last failed; each inner map in insertion (time) order. */
  private readonly failures = new Map<string, Map<string, number>>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    /** Keys kept at most; past it, the oldest are forgotten (bounds memory under address churn). */
    private readonly maxKeys = 100_000,
  ) {}

  isBlocked(key: string): boolean {
    return this.recent(key).size >= this.limit;
  }

  recordFailure(key: string, detail: string): void {
    const recent = this.recent(key);
    recent.delete(detail);
    recent.set(detail, this.now());
    this.failures.delete(key);
    this.failures.set(key, recent);
    evictOldest(this.failures, this.maxKeys);
  }

  /** Milliseconds until `key` is below the limit again (0 when it is). */
  retryAfterMs(key: string): number {
    const recent = [...this.recent(key).values()];
    if (recent.length < this.limit) return 0;
    const freeing = recent[recent.length - this.limit]!;
    return Math.max(0, freeing + this.windowMs - this.now());
  }

  private recent(key: string): Map<string, number> {
    const since = this.now() - this.windowMs;
    const kept = this.failures.get(key) ?? new Map<string, number>();
    for (const [detail, at] of kept) {
      if (at > since) break;
      kept.delete(detail);
    }
    if (kept.size === 0) this.failures.delete(key);
    return kept;
  }
}

/**
 * Counts events per key (a client address, or one global key) in a sliding window:
 * session creations, successful joins.
 */
export class WindowLimiter {
  private readonly events = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  /** Milliseconds until one more event for `key` fits (0: it fits now). */
  retryAfterMs(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.limit) return 0;
    return Math.max(0, recent[recent.length - this.limit]! + this.windowMs - this.now());
  }

  record(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    this.events.delete(key);
    this.events.set(key, recent);
    evictOldest(this.events, this.maxKeys);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const all = this.events.get(key) ?? [];
    let drop = 0;
    while (drop < all.length && all[drop]! <= since) drop++;
    const kept = drop > 0 ? all.slice(drop) : all;
    if (kept.length === 0) this.events.delete(key);
    else if (drop > 0) this.events.set(key, kept);
    return kept;
  }
}

/** Forgets the least recently touched keys past `max` (Map keeps insertion order). */
function evictOldest(map: Map<string, unknown>, max: number): void {
  while (map.size > max) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) return;
    map.delete(oldest);
  }
}
