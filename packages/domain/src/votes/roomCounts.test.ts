import { describe, expect, it } from 'vitest';
import type { Ballot, VoteDto, VoterGroup } from '@roundtable/protocol';
import { checkRoomCounts, peoplePresent, roomBallots } from './roomCounts.js';
import { tallyVote, type GroupedBallot } from './tallyVote.js';

const approval = { method: 'approval' as const, splitByGroup: false };
const context = { electronicBallots: 2, peoplePresent: 10 };
const cast = (group: VoterGroup, ballot: Ballot): GroupedBallot => ({ group, ballot });
const vote = (over: Partial<Pick<VoteDto, 'method' | 'quorum' | 'splitByGroup'>> = {}) => ({
  method: 'approval' as const,
  options: [],
  quorum: null,
  splitByGroup: false,
  ...over,
});

describe('peoplePresent', () => {
  it('counts a person on two devices once and no observer', () => {
    expect(
      peoplePresent([
        { id: 'ana', role: 'participant' },
        { id: 'ana', role: 'participant' },
        { id: 'bo', role: 'facilitator' },
        { id: 'cy', role: 'observer' },
      ]),
    ).toBe(2);
  });
});

describe('checkRoomCounts', () => {
  it('keeps a whole-room count under unspecified, zeros dropped', () => {
    expect(checkRoomCounts(approval, { counts: { for: 5, against: 0, abstain: 1 } }, context)).toEqual({
      ok: true,
      counts: { unspecified: { for: 5, abstain: 1 } },
      total: 6,
    });
  });

  it('refuses room plus electronic ballots above the people present, and accepts exactly that many', () => {
    expect(checkRoomCounts(approval, { counts: { for: 9 } }, context)).toMatchObject({ ok: false, code: 'conflict' });
    expect(checkRoomCounts(approval, { counts: { for: 8 } }, context)).toMatchObject({ ok: true, total: 8 });
  });

  it('refuses a choice the method has not, per group on a vote not split, and methods hands cannot give', () => {
    expect(checkRoomCounts(approval, { counts: { yes: 1 } }, context)).toMatchObject({ code: 'invalid_request' });
    expect(checkRoomCounts(approval, { byGroup: { housing: { for: 1 } } } as never, context)).toMatchObject({
      code: 'invalid_request',
    });
    expect(checkRoomCounts({ method: 'ranking', splitByGroup: false }, { counts: { for: 1 } }, context)).toMatchObject({
      code: 'invalid_request',
    });
  });

  it('sums the groups of a split vote against the people present', () => {
    const split = { method: 'consent' as const, splitByGroup: true };
    const byGroup = { administration: { agree: 3 }, civil_society: { block: 2 } } as never;
    expect(checkRoomCounts(split, { byGroup }, context)).toMatchObject({ ok: true, total: 5 });
    expect(checkRoomCounts(split, { byGroup }, { electronicBallots: 6, peoplePresent: 10 })).toMatchObject({
      ok: false,
    });
  });
});

describe('tallyVote with room counts', () => {
  const electronic = [cast('unspecified', { choice: 'against' }), cast('unspecified', { choice: 'against' })];

  it('adds the hands to the ballots, shows them apart, and decides on the sum', () => {
    const tally = tallyVote(vote(), electronic, { includeReasons: false, room: { unspecified: { for: 3 } } });
    expect(tally).toMatchObject({
      for: 3,
      against: 2,
      ballots: 5,
      carried: true,
      room: { ballots: 3, counts: { for: 3 } },
    });
  });

  it('counts people who voted towards the quorum, by device or by hand', () => {
    const quorum = vote({ quorum: 4 });
    expect(tallyVote(quorum, electronic, { includeReasons: false }).quorum).toEqual({ required: 4, met: false });
    const withRoom = tallyVote(quorum, electronic, { includeReasons: false, room: { unspecified: { abstain: 2 } } });
    expect(withRoom.quorum).toEqual({ required: 4, met: true });
  });

  it('keeps consent reasons from electronic ballots only', () => {
    const consent = vote({ method: 'consent' });
    const tally = tallyVote(consent, [cast('unspecified', { choice: 'object', reason: 'trop vague' })], {
      includeReasons: true,
      room: { unspecified: { block: 1, agree: 4 } },
    });
    expect(tally).toMatchObject({ object: 1, block: 1, agree: 4, outcome: 'blocked' });
    expect(tally.method === 'consent' && tally.reasons).toEqual([{ choice: 'object', reason: 'trop vague' }]);
  });

  it('puts per-group hands in their group rows', () => {
    const split = vote({ splitByGroup: true });
    const tally = tallyVote(split, [], { includeReasons: false, room: { administration: { for: 2 } } });
    expect(tally.byGroup?.administration).toMatchObject({ for: 2, ballots: 2 });
    expect(roomBallots({ administration: { for: 2 } })).toHaveLength(2);
  });
});
