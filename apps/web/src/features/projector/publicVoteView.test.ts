import { describe, expect, it } from 'vitest';
import type { Tally, VoteDto, VoteUpdated } from '@roundtable/protocol';
import { publicVoteView } from './publicVoteView';

const vote = (over: Partial<VoteDto>) =>
  ({ id: 'v1', method: 'consent', status: 'open', results: 'live', ...over }) as VoteDto;
const consentTally = {
  method: 'consent',
  agree: 1,
  stand_aside: 0,
  object: 1,
  block: 0,
  outcome: 'objections',
  quorum: null,
  reasons: [{ choice: 'object', reason: 'Too vague' }],
} as unknown as Tally;

describe('publicVoteView', () => {
  it('hides the tally of an open vote whose results wait for the close', () => {
    const update: VoteUpdated = { vote: vote({ results: 'on_close' }), turnout: 3, tally: consentTally };
    expect(publicVoteView(update)).toEqual({ vote: update.vote, turnout: 3 });
  });

  it('drops the reasons of a consent tally, keeping the counts', () => {
    const update: VoteUpdated = { vote: vote({}), turnout: 2, tally: consentTally };
    const shown = publicVoteView(update);
    expect(shown.tally).not.toHaveProperty('reasons');
    expect(shown.tally).toMatchObject({ method: 'consent', agree: 1, object: 1, outcome: 'objections' });
    expect(update.tally).toHaveProperty('reasons'); // the facilitator's copy is left alone
  });

  it('shows a closed vote with hidden-until-close results', () => {
    const tally = {
      method: 'approval',
      for: 2,
      against: 1,
      abstain: 0,
      carried: true,
      quorum: null,
    } as unknown as Tally;
    const update: VoteUpdated = {
      vote: vote({ method: 'approval', status: 'closed', results: 'on_close' }),
      turnout: 3,
      tally,
    };
    expect(publicVoteView(update)).toBe(update);
  });

  it('passes an update without a tally through as vote and turnout', () => {
    const update: VoteUpdated = { vote: vote({}), turnout: 0 };
    expect(publicVoteView(update)).toEqual({ vote: update.vote, turnout: 0 });
  });
});
