import type { PresenceChanged, PresenceParticipant } from '@roundtable/protocol/client';

/** What {@link PresenceMirror.changed} did with a delta. */
export type DeltaResult = 'applied' | 'stale' | 'buffered' | 'gap';

const nameCollator = new Intl.Collator('en');

/**
 * A client's copy of a session's presence, kept from the server's whole lists
 * (`presence:updated`, `presence:sync` acks) and deltas (`presence:changed`). A delta
 * applies only on top of the revision before it; one that skips a revision means a delta
 * was missed: `changed` answers `gap`, the caller asks `presence:sync` and hands the ack to
 * {@link snapshot}. Deltas that arrive before a list, or while a sync is on its way, are kept
 * and applied after it (a delta may overtake the ack on the wire). No transport, no timers.
 */
export class PresenceMirror {
  private byId = new Map<string, PresenceParticipant>();
  /** null until the first list, and while a sync is awaited. */
  private revision: number | null = null;
  private pending: PresenceChanged[] = [];
  private sorted: PresenceParticipant[] | null = [];

  /** How many people are listed. */
  get size(): number {
    return this.byId.size;
  }

  /** Whether a list has been received and no sync is awaited. */
  get inSync(): boolean {
    return this.revision !== null;
  }

  /** The list, sorted by name then id (as the server sorts it). */
  get participants(): PresenceParticipant[] {
    this.sorted ??= [...this.byId.values()].sort(
      (a, b) => nameCollator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    return this.sorted;
  }

  /**
   * Takes a whole list. Without `revision` (a 1.0 server) it is revision 0. Returns `gap`
   * when a kept delta shows one was missed after this list, too.
   */
  snapshot(list: { participants: readonly PresenceParticipant[]; revision?: number }): 'ok' | 'gap' {
    this.byId = new Map(list.participants.map((p) => [p.id, p]));
    this.sorted = null;
    this.revision = list.revision ?? 0;
    const kept = this.pending.sort((a, b) => a.revision - b.revision);
    this.pending = [];
    for (const delta of kept) {
      if (this.changed(delta) === 'gap') return 'gap';
    }
    return 'ok';
  }

  /** Applies a delta that follows our revision; see {@link DeltaResult}. */
  changed(delta: PresenceChanged): DeltaResult {
    if (this.revision === null) {
      this.pending.push(delta);
      return 'buffered';
    }
    if (delta.revision <= this.revision) return 'stale';
    if (delta.revision !== this.revision + 1) {
      this.revision = null;
      this.pending.push(delta);
      return 'gap';
    }
    for (const id of delta.left) this.byId.delete(id);
    for (const p of delta.joined) this.byId.set(p.id, p);
    this.revision = delta.revision;
    this.sorted = null;
    return 'applied';
  }
}
