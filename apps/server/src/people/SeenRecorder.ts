import type { Logger } from 'pino';
import { SEEN_FLUSH_MS } from '@roundtable/protocol';
import type { Storage } from '../storage/Storage.js';

/**
 * Last-seen times for attendance, gathered over SEEN_FLUSH_MS and written in one
 * transaction: a reconnect storm of a whole room is one write, not one per socket.
 * Attendance is not a vote: a time lost in a crash only makes a "last seen" earlier.
 */
export class SeenRecorder {
  private readonly pending = new Map<string, { sessionId: string; participantId: string; at: string }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly storage: Pick<Storage, 'people'>,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(sessionId: string, participantId: string): void {
    this.pending.set(`${sessionId}\n${participantId}`, { sessionId, participantId, at: this.now().toISOString() });
    this.timer ??= setTimeout(() => void this.flush(), SEEN_FLUSH_MS);
  }

  /** Writes what is gathered; failures are logged (the next flush carries newer times). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const seen = [...this.pending.values()];
    this.pending.clear();
    try {
      await this.storage.people.markSeen(seen);
    } catch (err) {
      this.log.warn({ err, count: seen.length }, 'last-seen times not written');
    }
  }

  /** Forgets a deleted session's pending times (its rows are gone). */
  forgetSession(sessionId: string): void {
    for (const [key, s] of this.pending) if (s.sessionId === sessionId) this.pending.delete(key);
  }
}
