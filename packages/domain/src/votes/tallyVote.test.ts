import { describe, expect, it } from 'vitest';
import type { Ballot, VoteDto, VoteMethod, VoterGroup } from '@roundtable/protocol';
import { tallyMethod, tallyVote, type GroupedBallot } from './tallyVote.js';
import { turnout } from './turnout.js';

type TallyInput = Pick<VoteDto, 'method' | 'options' | 'quorum' | 'splitByGroup'>;
const vote = (method: VoteMethod, over: Partial<TallyInput> = {}): TallyInput => ({
  method,
  options: ['a', 'b', 'c'].map((id) => ({ id, label: id, recommendationId: null })),
  quorum: null,
  splitByGroup: false,
  ...over,
});
const cast = (group: VoterGroup, ballot: Ballot): GroupedBallot => ({ group, ballot });
const facilitator = { includeReasons: true };
const participant = { includeReasons: false };

describe('tallyVote: quorum', () => {
  const approvals = [cast('other', { choice: 'for' }), cast('other', { choice: 'against' })];

  it('is null when the vote has no quorum', () => {
    expect(tallyVote(vote('approval'), approvals, participant).quorum).toBeNull();
  });

  it('is not met below the required ballots, and met at exactly that number', () => {
    expect(tallyVote(vote('approval', { quorum: 3 }), approvals, participant).quorum).toEqual({
      required: 3,
      met: false,
    });
    expect(tallyVote(vote('approval', { quorum: 2 }), approvals, participant).quorum).toEqual({
      required: 2,
      met: true,
    });
  });

  it('is not met with zero ballots', () => {
    expect(tallyVote(vote('approval', { quorum: 1 }), [], participant)).toEqual({
      method: 'approval',
      for: 0,
      against: 0,
      abstain: 0,
      ballots: 0,
      quorum: { required: 1, met: false },
      noOutcome: 'no_ballots',
    });
  });
});

describe('tallyVote: no outcome without ballots or quorum (api-v1 1.1)', () => {
  const consentBallots = [cast('other', { choice: 'agree' }), cast('civil_society', { choice: 'agree' })];

  it('shows no "carried" and no consent outcome at 0 ballots', () => {
    const approval = tallyVote(vote('approval'), [], participant);
    expect(approval).not.toHaveProperty('carried');
    expect(approval.noOutcome).toBe('no_ballots');
    const consent = tallyVote(vote('consent'), [], facilitator);
    expect(consent).not.toHaveProperty('outcome');
    expect(consent.noOutcome).toBe('no_ballots');
  });

  it('shows no outcome when the quorum failed, at the top and in every group row', () => {
    const tally = tallyVote(vote('consent', { quorum: 3, splitByGroup: true }), consentBallots, facilitator);
    expect(tally).toMatchObject({ agree: 2, ballots: 2, noOutcome: 'quorum_not_met' });
    expect(tally).not.toHaveProperty('outcome');
    for (const row of Object.values(tally.byGroup!)) expect(row).not.toHaveProperty('outcome');
    const ranking = tallyVote(vote('ranking', { quorum: 5 }), [cast('other', { order: ['a', 'b'] })], participant);
    expect(ranking).toMatchObject({ condorcetWinner: null, noOutcome: 'quorum_not_met' });
  });

  it('keeps the outcome once the quorum is met', () => {
    const tally = tallyVote(vote('consent', { quorum: 2 }), consentBallots, participant);
    expect(tally).toMatchObject({ outcome: 'consent' });
    expect(tally).not.toHaveProperty('noOutcome');
  });
});

describe('tallyVote: groups', () => {
  const dots = [
    cast('civil_society', { dots: { a: 3, b: 2 } }),
    cast('administration', { dots: { c: 4 } }),
    cast('civil_society', { dots: { a: 1 } }),
    cast('unspecified', { dots: { b: 5 } }),
  ];

  it('has no byGroup unless the vote asks for it', () => {
    expect(tallyVote(vote('dots'), dots, participant)).not.toHaveProperty('byGroup');
  });

  it('tallies each group that has ballots, in group order, and the groups sum to the total', () => {
    const tally = tallyVote(vote('dots', { splitByGroup: true }), dots, participant);
    expect(tally).toMatchObject({
      ballots: 4,
      options: [
        { optionId: 'a', dots: 4 },
        { optionId: 'b', dots: 7 },
        { optionId: 'c', dots: 4 },
      ],
    });
    expect(Object.keys(tally.byGroup!)).toEqual(['administration', 'civil_society', 'unspecified']);
    expect(tally.byGroup!.civil_society).toEqual({
      method: 'dots',
      ballots: 2,
      options: [
        { optionId: 'a', dots: 4 },
        { optionId: 'b', dots: 2 },
        { optionId: 'c', dots: 0 },
      ],
    });
    const groups = Object.values(tally.byGroup!) as { ballots: number; options: { dots: number }[] }[];
    expect(groups.reduce((n, g) => n + g.ballots, 0)).toBe(4);
    for (const [i, total] of [4, 7, 4].entries()) {
      expect(groups.reduce((n, g) => n + g.options[i]!.dots, 0)).toBe(total);
    }
  });

  it('splits approval counts so that each count sums to its total', () => {
    const tally = tallyVote(
      vote('approval', { splitByGroup: true }),
      [
        cast('local_authority', { choice: 'for' }),
        cast('equality_body', { choice: 'against' }),
        cast('local_authority', { choice: 'abstain' }),
        cast('equality_body', { choice: 'for' }),
        cast('local_authority', { choice: 'for' }),
      ],
      participant,
    );
    expect(tally).toMatchObject({ for: 3, against: 1, abstain: 1, ballots: 5, carried: true });
    expect(tally.byGroup).toEqual({
      local_authority: { method: 'approval', for: 2, against: 0, abstain: 1, ballots: 3, carried: true },
      equality_body: { method: 'approval', for: 1, against: 1, abstain: 0, ballots: 2, carried: false },
    });
  });
});

describe('tallyVote: consent reasons', () => {
  const consent = [
    cast('civil_society', { choice: 'object', reason: 'unclear budget' }),
    cast('administration', { choice: 'agree' }),
    cast('civil_society', { choice: 'block', reason: 'unlawful' }),
  ];

  it('gives facilitators the reasons, never inside byGroup', () => {
    const tally = tallyVote(vote('consent', { splitByGroup: true }), consent, facilitator);
    expect(tally).toMatchObject({ outcome: 'blocked', object: 1, block: 1, agree: 1 });
    expect(tally.method === 'consent' && tally.reasons).toEqual([
      { choice: 'object', reason: 'unclear budget' },
      { choice: 'block', reason: 'unlawful' },
    ]);
    expect(tally.byGroup!.civil_society).toEqual({
      method: 'consent',
      agree: 0,
      stand_aside: 0,
      object: 1,
      block: 1,
      ballots: 2,
      outcome: 'blocked',
    });
    expect(tally.byGroup!.administration).not.toHaveProperty('reasons');
  });

  it('gives everyone else no reasons at all', () => {
    const tally = tallyVote(vote('consent', { splitByGroup: true }), consent, participant);
    expect(tally).not.toHaveProperty('reasons');
    expect(tally).toMatchObject({ outcome: 'blocked', ballots: 3 });
  });
});

describe('tallyMethod', () => {
  it('dispatches score and ranking ballots to their rule, in the vote’s option order', () => {
    expect(tallyMethod(vote('score'), [{ scores: { c: 4, a: 1 } }, { scores: { c: 5 } }])).toMatchObject({
      method: 'score',
      options: [
        { optionId: 'a', mean: 1, count: 1 },
        { optionId: 'b', mean: null, count: 0 },
        { optionId: 'c', mean: 4.5, count: 2 },
      ],
    });
    expect(tallyMethod(vote('ranking'), [{ order: ['c', 'b'] }])).toEqual({
      method: 'ranking',
      ballots: 1,
      options: [
        { optionId: 'a', borda: 0 },
        { optionId: 'b', borda: 1 },
        { optionId: 'c', borda: 2 },
      ],
      condorcetWinner: 'c',
    });
  });
});

describe('turnout', () => {
  it('counts ballots', () => {
    expect(turnout([])).toBe(0);
    expect(turnout([cast('other', { choice: 'for' }), cast('other', { choice: 'abstain' })])).toBe(2);
  });
});

describe('tallyVote, anonymous votes split by group', () => {
  it('leaves a group too small to stay anonymous out of byGroup, and pools it with the next group', () => {
    const ballots = [
      { ballot: { choice: 'for' as const }, group: 'equality_body' as const },
      { ballot: { choice: 'against' as const }, group: 'civil_society' as const },
      { ballot: { choice: 'against' as const }, group: 'civil_society' as const },
      { ballot: { choice: 'for' as const }, group: 'civil_society' as const },
    ];
    const vote = { method: 'approval' as const, options: [], quorum: null, splitByGroup: true };
    const anonymous = tallyVote({ ...vote, anonymous: true, status: 'closed' }, ballots, { includeReasons: true });
    expect(anonymous).toMatchObject({ for: 2, against: 2, ballots: 4 });
    // Showing civil_society alone would leave total − civil_society = the lone 'for'.
    expect(Object.keys(anonymous.byGroup ?? {})).toEqual([]);
    expect(anonymous.otherGroups).toMatchObject({ for: 2, against: 2, ballots: 4 });
    const named = tallyVote({ ...vote, anonymous: false }, ballots, { includeReasons: true });
    expect(Object.keys(named.byGroup ?? {})).toEqual(['civil_society', 'equality_body']);
  });
});
