import type { Logger } from 'pino';
import type { VoteRecord } from '../storage/Storage.js';

/**
 * Server-side timers of timed votes. They are re-armed from storage at start, so a
 * restart does not lose a close; closing is idempotent in storage, so a close that
 * several instances (or a timer and a facilitator) attempt happens once.
 */
export class VoteTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly onDue: (vote: VoteRecord) => Promise<void>,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  arm(vote: VoteRecord): void {
    if (!vote.closesAt || vote.status !== 'open') return;
    this.disarm(vote.id);
    const delay = Math.max(0, Date.parse(vote.closesAt) - this.now());
    const timer = setTimeout(() => {
      this.timers.delete(vote.id);
      this.onDue(vote).catch((err: unknown) => this.log.error({ err, voteId: vote.id }, 'timed close failed'));
    }, delay);
    this.timers.set(vote.id, timer);
  }

  isArmed(voteId: string): boolean {
    return this.timers.has(voteId);
  }

  disarm(voteId: string): void {
    clearTimeout(this.timers.get(voteId));
    this.timers.delete(voteId);
  }

  close(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
