import { describe, expect, it } from 'vitest';
import { ROLES, type VoteDto } from '@roundtable/protocol';
import { mayReadTally } from './tallyVisibility.js';

type Seen = Pick<VoteDto, 'status' | 'results' | 'anonymous'>;
const vote = (over: Partial<Seen>): Seen => ({ status: 'open', results: 'on_close', anonymous: false, ...over });

describe('mayReadTally', () => {
  it('shows everyone a closed vote, and a live one while it is open', () => {
    for (const role of ROLES) {
      for (const anonymous of [false, true]) {
        expect(mayReadTally(vote({ status: 'closed', anonymous }), role)).toBe(true);
        expect(mayReadTally(vote({ results: 'live', anonymous }), role)).toBe(true);
      }
    }
  });

  it('shows an open named on_close vote to facilitators only', () => {
    expect(mayReadTally(vote({}), 'facilitator')).toBe(true);
    expect(mayReadTally(vote({}), 'participant')).toBe(false);
    expect(mayReadTally(vote({}), 'observer')).toBe(false);
  });

  it('shows an open anonymous on_close vote to nobody, facilitators included: turnout only', () => {
    for (const role of ROLES) expect(mayReadTally(vote({ anonymous: true }), role)).toBe(false);
  });
});
