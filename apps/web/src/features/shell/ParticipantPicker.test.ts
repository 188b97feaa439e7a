import { describe, expect, it } from 'vitest';
import type { PresenceParticipant } from '@roundtable/protocol';
import { presentPeople } from './ParticipantPicker';

const person = (id: string, name: string, role: PresenceParticipant['role']): PresenceParticipant => ({
  id,
  name,
  role,
  online: true,
});

describe('presentPeople', () => {
  it('keeps whom the caller lets through, each once, sorted by name in the language', () => {
    const presence = [
      person('p2', 'Émile', 'participant'),
      person('o1', 'Chloé', 'observer'),
      person('p1', 'Zoë', 'participant'),
      // Bram on two devices: one entry.
      person('p3', 'bram', 'participant'),
      person('p3', 'bram', 'participant'),
    ];
    const names = presentPeople(presence, (p) => p.role === 'participant', 'fr').map((p) => p.name);
    expect(names).toEqual(['bram', 'Émile', 'Zoë']);
  });

  it('has nobody while presence is unknown', () => {
    expect(presentPeople(null, () => true, 'nl')).toEqual([]);
  });
});
