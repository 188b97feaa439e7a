import { describe, expect, it } from 'vitest';
import { canManageOwnTurn, endTurn, giveFloor, setTurnLanguage } from './floor.js';
import { raiseHand } from './speakingQueue.js';
import { initialFacilitationState } from './state.js';

const ctx = (now: number) => ({ now, groupOf: () => 'other' as const });
const s0 = initialFacilitationState('s1');

describe('the floor', () => {
  const speaking = giveFloor(s0, { participantId: 'a', name: 'A' }, ctx(1_000));

  it('keeps a running turn when the floor is given to whoever has it', () => {
    expect(giveFloor(speaking, { participantId: 'a', name: 'A' }, ctx(9_000))).toBe(speaking);
  });

  it('ends a turn and measures it; without a speaker nothing changes', () => {
    const ended = endTurn(speaking, ctx(4_000));
    expect(ended.speaker).toBeNull();
    expect(ended.speakingTime).toMatchObject({ totalMs: 3_000, turns: 1, byLanguage: { unspecified: 3_000 } });
    expect(endTurn(ended, ctx(5_000))).toBe(ended);
  });

  it('counts the whole turn in the language set during it', () => {
    const r = setTurnLanguage(speaking, 'nl');
    expect(r.ok && endTurn(r.state, ctx(3_000)).speakingTime.byLanguage).toEqual({ nl: 2_000 });
    expect(setTurnLanguage(s0, 'fr')).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('keeps the language declared with a raised hand when the floor is given to that person', () => {
    const raised = raiseHand(s0, { participantId: 'b', name: 'B', role: 'participant', language: 'nl' }, 500);
    const given = raised.ok && giveFloor(raised.state, { participantId: 'b', name: 'B' }, ctx(1_000));
    expect(given).toMatchObject({ speaker: { participantId: 'b', language: 'nl' }, queue: [] });
  });

  it('lets the speaker or a facilitator end the turn, nobody else', () => {
    expect(canManageOwnTurn(speaking, { participantId: 'a', role: 'participant' })).toBe(true);
    expect(canManageOwnTurn(speaking, { participantId: 'f', role: 'facilitator' })).toBe(true);
    expect(canManageOwnTurn(speaking, { participantId: 'b', role: 'participant' })).toBe(false);
    expect(canManageOwnTurn(s0, { participantId: 'a', role: 'participant' })).toBe(false);
  });
});
