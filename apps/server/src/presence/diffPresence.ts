import type { PresenceParticipant } from '@roundtable/protocol';

/**
 * What turns the list `before` (by id) into `after`: people who arrived or whose name or
 * role changed (`joined`, in `after`'s order), and ids no longer listed (`left`).
 */
export function diffPresence(
  before: ReadonlyMap<string, PresenceParticipant>,
  after: readonly PresenceParticipant[],
): { joined: PresenceParticipant[]; left: string[] } {
  const joined = after.filter((p) => {
    const was = before.get(p.id);
    return !was || was.name !== p.name || was.role !== p.role;
  });
  const now = new Set(after.map((p) => p.id));
  const left = [...before.keys()].filter((id) => !now.has(id));
  return { joined, left };
}
