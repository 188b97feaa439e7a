import type { PresenceParticipant } from '@roundtable/protocol';
import type { PresenceEntry } from './PresenceStore.js';

/**
 * Pinned rather than the host's default locale, so every instance orders a session the
 * same way; the 'en' collation still places accented fr/nl names next to their base letter.
 */
const nameCollator = new Intl.Collator('en');

/**
 * One row per participant (a participant with two tabs open has two entries), sorted by
 * name then id. Entries of one participant carry the same name and role, so which of them
 * supplies the row does not matter; the first one wins.
 */
export function toPresenceParticipants(entries: Iterable<PresenceEntry>): PresenceParticipant[] {
  const byParticipant = new Map<string, PresenceParticipant>();
  for (const { participantId, name, role } of entries) {
    if (!byParticipant.has(participantId)) {
      byParticipant.set(participantId, { id: participantId, name, role, online: true });
    }
  }
  return [...byParticipant.values()].sort(comparePresence);
}

/** The order of every presence list: name, then id. */
export function comparePresence(a: PresenceParticipant, b: PresenceParticipant): number {
  return nameCollator.compare(a.name, b.name) || compareCodeUnits(a.id, b.id);
}

/** Ids are opaque, so they are ordered by code unit rather than by any locale. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
