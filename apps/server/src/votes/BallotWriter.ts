import type { BallotRecord, Storage } from '../storage/Storage.js';

interface Pending {
  record: BallotRecord;
  resolve: (stored: boolean) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for ballots: casts arriving in the same tick are written in one
 * durable transaction (one fsync), and each caller is answered only after it.
 * A vote storm of a thousand casts then costs a few transactions, not a thousand.
 */
export class BallotWriter {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(private readonly storage: Pick<Storage, 'votes'>) {}

  /** Resolves true once stored, false when the vote was not open; rejects when storage failed. */
  write(record: BallotRecord): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    try {
      const stored = await this.storage.votes.castBallots(batch.map((p) => p.record));
      for (const [i, p] of batch.entries()) p.resolve(stored[i] === true);
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }
}
