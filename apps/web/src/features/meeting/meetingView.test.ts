import { describe, expect, it } from 'vitest';
import { initialFacilitationState } from '@roundtable/domain';
import type { AgendaItem, MeetingState, Tour } from '@roundtable/protocol';
import { currentItem, currentPhase, hasIntervision, tourTurnRemaining, tourTurns } from './meetingView';

/** A participant's view of the meeting: no `speakingTime`, the server clock attached. */
function meeting(over: Partial<MeetingState> = {}): MeetingState {
  const { speakingTime: _facilitatorsOnly, ...shared } = initialFacilitationState('s1');
  return { ...shared, serverNow: 1_000, ...over };
}

const item = (id: string, over: Partial<AgendaItem> = {}): AgendaItem => ({
  id,
  title: id,
  titleKey: null,
  kind: 'discussion',
  plannedMinutes: 10,
  recommendationIds: [],
  intervisionPhase: null,
  theme: null,
  ...over,
});

const seats = [
  { participantId: 'a', name: 'Anna' },
  { participantId: 'b', name: 'Bram' },
];
const tour = (over: Partial<Tour> = {}): Tour => ({
  order: seats,
  index: 0,
  turnLimitSeconds: 60,
  skipped: [],
  startedAt: 0,
  ...over,
});

describe('currentItem', () => {
  it('is the agenda item marked current', () => {
    const m = meeting({ agenda: [item('i1'), item('i2')], currentItemId: 'i2' });
    expect(currentItem(m)?.id).toBe('i2');
  });
  it('is null without a meeting, without a current item, or when the current id is gone', () => {
    expect(currentItem(null)).toBeNull();
    expect(currentItem(meeting({ agenda: [item('i1')] }))).toBeNull();
    expect(currentItem(meeting({ agenda: [item('i1')], currentItemId: 'gone' }))).toBeNull();
  });
});

describe('currentPhase', () => {
  it('is the intervision phase of the current item, or null', () => {
    const phase = item('p', { kind: 'intervision_phase', intervisionPhase: 'analysis' });
    expect(currentPhase(meeting({ agenda: [phase], currentItemId: 'p' }))).toBe('analysis');
    expect(currentPhase(meeting({ agenda: [item('i1')], currentItemId: 'i1' }))).toBeNull();
    expect(currentPhase(null)).toBeNull();
  });
});

describe('tourTurns', () => {
  it('gives whose turn it is and whose is next', () => {
    expect(tourTurns(meeting({ tour: tour() }))).toEqual({ holder: seats[0], next: seats[1] });
    expect(tourTurns(meeting({ tour: tour({ index: 1 }) }))).toEqual({ holder: seats[1], next: null });
  });
  it('gives nulls outside a round and once it is over', () => {
    expect(tourTurns(null)).toEqual({ holder: null, next: null });
    expect(tourTurns(meeting())).toEqual({ holder: null, next: null });
    expect(tourTurns(meeting({ tour: tour({ index: 2 }) }))).toEqual({ holder: null, next: null });
  });
});

describe('tourTurnRemaining', () => {
  const speaking = { participantId: 'a', name: 'Anna', since: 10_000, language: null };
  it('counts down the turn of the person holding it, negative once over time', () => {
    const m = meeting({ tour: tour(), speaker: speaking });
    expect(tourTurnRemaining(m, 25_000)).toBe(45_000);
    expect(tourTurnRemaining(m, 80_000)).toBe(-10_000);
  });
  it('is null without a time limit, or when someone else has the floor', () => {
    expect(
      tourTurnRemaining(meeting({ tour: tour({ turnLimitSeconds: null }), speaker: speaking }), 20_000),
    ).toBeNull();
    expect(
      tourTurnRemaining(meeting({ tour: tour(), speaker: { ...speaking, participantId: 'b' } }), 20_000),
    ).toBeNull();
  });
});

describe('hasIntervision', () => {
  it('is true for an intervision session, or when the agenda has a phase', () => {
    expect(hasIntervision('intervision', null)).toBe(true);
    const phase = item('p', { kind: 'intervision_phase', intervisionPhase: 'advice' });
    expect(hasIntervision('round_table', meeting({ agenda: [phase] }))).toBe(true);
  });
  it('is false otherwise', () => {
    expect(hasIntervision('round_table', meeting({ agenda: [item('i1')] }))).toBe(false);
    expect(hasIntervision(undefined, null)).toBe(false);
  });
});
