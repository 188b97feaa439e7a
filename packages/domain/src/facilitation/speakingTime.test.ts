import { describe, expect, it } from 'vitest';
import { SpeakingTime, type VoterGroup } from '@roundtable/protocol';
import { giveFloor, speakingTimeAt } from './floor.js';
import { emptySpeakingTime, groupShares, recordTurn, reportableSpeakingTime, type TurnRecord } from './speakingTime.js';
import { initialFacilitationState } from './state.js';

const turn = (
  participantId: string,
  group: VoterGroup,
  language: TurnRecord['language'],
  from: number,
  to: number,
): TurnRecord => ({
  participantId,
  name: participantId.toUpperCase(),
  group,
  language,
  from,
  to,
});
const sum = (values: Record<string, number | undefined>) =>
  Object.values(values).reduce<number>((a, b) => a + (b ?? 0), 0);

const turns = [
  turn('a', 'civil_society', 'fr', 0, 60_000),
  turn('b', 'administration', 'nl', 60_000, 90_000),
  turn('a', 'civil_society', 'nl', 90_000, 100_000),
  turn('c', 'unspecified', null, 100_000, 145_000),
  turn('d', 'administration', 'en', 145_000, 150_000),
];
const time = turns.reduce(recordTurn, emptySpeakingTime());

describe('speaking time sums', () => {
  it('sums per group, per language and per speaker', () => {
    expect(time).toEqual({
      totalMs: 150_000,
      turns: 5,
      byGroup: { civil_society: 70_000, administration: 35_000, unspecified: 45_000 },
      byLanguage: { fr: 60_000, nl: 40_000, unspecified: 45_000, en: 5_000 },
      bySpeaker: [
        { participantId: 'a', name: 'A', ms: 70_000, turns: 2 },
        { participantId: 'b', name: 'B', ms: 30_000, turns: 1 },
        { participantId: 'c', name: 'C', ms: 45_000, turns: 1 },
        { participantId: 'd', name: 'D', ms: 5_000, turns: 1 },
      ],
    });
  });

  it('has group, language and speaker sums that each equal the total', () => {
    expect(sum(time.byGroup)).toBe(time.totalMs);
    expect(sum(time.byLanguage)).toBe(time.totalMs);
    expect(time.bySpeaker.reduce((a, s) => a + s.ms, 0)).toBe(time.totalMs);
    expect(time.bySpeaker.reduce((a, s) => a + s.turns, 0)).toBe(time.turns);
  });

  it('ignores a turn of no time, or of negative time', () => {
    expect(recordTurn(time, turn('e', 'other', 'fr', 10, 10))).toBe(time);
    expect(recordTurn(time, turn('e', 'other', 'fr', 10, 5))).toBe(time);
  });

  it('gives shares of the total per group', () => {
    expect(groupShares(time)).toEqual({
      civil_society: 70_000 / 150_000,
      administration: 35_000 / 150_000,
      unspecified: 0.3,
    });
    expect(groupShares(emptySpeakingTime())).toEqual({});
  });

  it('publishes only group and language sums in the report', () => {
    expect(reportableSpeakingTime(time)).toEqual({
      totalMs: 150_000,
      turns: 5,
      byGroup: time.byGroup,
      byLanguage: time.byLanguage,
    });
  });

  it('matches the wire schema', () => {
    expect(SpeakingTime.parse(time)).toEqual(time);
  });

  it('is measured through the floor: every change of speaker records the turn', () => {
    const groups: Record<string, VoterGroup> = { a: 'equality_body', b: 'local_authority' };
    const ctx = (now: number) => ({ now, groupOf: (id: string) => groups[id]! });
    let s = initialFacilitationState('s1');
    s = giveFloor(s, { participantId: 'a', name: 'A', language: 'fr' }, ctx(1_000));
    s = giveFloor(s, { participantId: 'b', name: 'B' }, ctx(4_000));
    // The running turn counts in speakingTimeAt (for a report at the end), not in the state.
    expect(s.speakingTime.totalMs).toBe(3_000);
    const atEnd = speakingTimeAt(s, ctx(6_000));
    expect(atEnd.byGroup).toEqual({ equality_body: 3_000, local_authority: 2_000 });
    expect(atEnd.byLanguage).toEqual({ fr: 3_000, unspecified: 2_000 });
    expect(sum(atEnd.byGroup)).toBe(atEnd.totalMs);
  });
});
