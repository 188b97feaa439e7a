import { describe, expect, it } from 'vitest';
import type { VoteUpdated } from '@roundtable/protocol';
import { nextPin } from './projectorFocus';

const vote = (id: string, status: 'open' | 'closed', closedAt: string | null = null) =>
  ({ vote: { id, status, closedAt } }) as unknown as VoteUpdated;

describe('nextPin: a closed result stays until the facilitator moves on', () => {
  it('pins a vote that closed while it was shown open, and keeps it', () => {
    const seen = new Set(['v1']);
    const pin = nextPin(null, [vote('v1', 'closed', '2026-12-02T01:00:00Z')], seen, 'item1');
    expect(pin).toEqual({ voteId: 'v1', itemId: 'item1' });
    expect(nextPin(pin, [vote('v1', 'closed', '2026-12-02T01:00:00Z')], seen, 'item1')).toBe(pin);
  });

  it('drops it when another item becomes current or another vote opens', () => {
    const seen = new Set(['v1']);
    const closed = [vote('v1', 'closed', '2026-12-02T01:00:00Z')];
    const pin = nextPin(null, closed, seen, 'item1');
    expect(nextPin(pin, closed, seen, 'item2')).toBeNull();
    expect(nextPin(pin, [...closed, vote('v2', 'open')], seen, 'item1')).toBeNull();
    // Once taken off, it does not come back on the next render.
    expect(nextPin(null, closed, seen, 'item2', new Set(['v1']))).toBeNull();
  });

  it('never pins a vote this screen did not see open (an old result)', () => {
    expect(nextPin(null, [vote('v1', 'closed', '2026-12-02T01:00:00Z')], new Set(), 'item1')).toBeNull();
  });
});
