import { describe, expect, it } from 'vitest';
import type { PresenceChanged, PresenceParticipant } from '@roundtable/protocol';
import { PresenceMirror } from './PresenceMirror.js';

const person = (id: string, name = id): PresenceParticipant => ({ id, name, role: 'participant', online: true });
const delta = (revision: number, joined: string[], left: string[] = []): PresenceChanged => ({
  sessionId: 's',
  joined: joined.map((id) => person(id)),
  left,
  revision,
});
const ids = (m: PresenceMirror) => m.participants.map((p) => p.id);

describe('PresenceMirror', () => {
  it('applies deltas in order on top of a list, sorted by name', () => {
    const m = new PresenceMirror();
    expect(m.snapshot({ participants: [person('b')], revision: 4 })).toBe('ok');
    expect(m.changed(delta(5, ['a', 'c']))).toBe('applied');
    expect(m.changed(delta(6, [], ['b']))).toBe('applied');
    expect(ids(m)).toEqual(['a', 'c']);
  });

  it('ignores a delta it already has, and answers gap for a skipped revision', () => {
    const m = new PresenceMirror();
    m.snapshot({ participants: [], revision: 1 });
    expect(m.changed(delta(1, ['x']))).toBe('stale');
    expect(m.changed(delta(3, ['y']))).toBe('gap');
    expect(m.inSync).toBe(false);
    // The sync's list is at revision 3: the kept delta 3 is then stale.
    expect(m.snapshot({ participants: [person('y')], revision: 3 })).toBe('ok');
    expect(ids(m)).toEqual(['y']);
  });

  it('keeps deltas that overtake the list and applies those after it', () => {
    const m = new PresenceMirror();
    expect(m.changed(delta(2, ['late']))).toBe('buffered');
    expect(m.changed(delta(1, ['early']))).toBe('buffered');
    expect(m.snapshot({ participants: [person('me')], revision: 1 })).toBe('ok');
    expect(ids(m)).toEqual(['late', 'me']);
  });

  it('reports a gap found among the kept deltas', () => {
    const m = new PresenceMirror();
    m.changed(delta(5, ['z']));
    expect(m.snapshot({ participants: [], revision: 2 })).toBe('gap');
  });

  it('replaces a person whose name changed instead of listing them twice', () => {
    const m = new PresenceMirror();
    m.snapshot({ participants: [person('a', 'Ana')], revision: 0 });
    m.changed({ sessionId: 's', joined: [person('a', 'Anna')], left: [], revision: 1 });
    expect(m.participants.map((p) => p.name)).toEqual(['Anna']);
  });
});
