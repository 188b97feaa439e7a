import { describe, expect, it } from 'vitest';
import type { AgendaItem, FacilitationState, TourSeat } from '@roundtable/protocol';
import { giveFloor, setTurnLanguage } from './floor.js';
import { lowerHand, raiseHand } from './speakingQueue.js';
import { initialFacilitationState, meetingStateFor, type FacilitationResult } from './state.js';
import {
  arrangeSeats,
  endTour,
  startTour,
  tourNext,
  tourRecall,
  tourSkip,
  turnHolder,
  turnRemainingMs,
} from './tourDeTable.js';

const seat = (id: string): TourSeat => ({ participantId: id, name: id.toUpperCase() });
const seats = ['a', 'b', 'c', 'd'].map(seat);
const ctx = (now: number) => ({ now, groupOf: () => 'other' as const });
const noRandom = () => {
  throw new Error('seat order must not draw');
};
function must(r: FacilitationResult): FacilitationState {
  if (!r.ok) throw new Error(`refused: ${r.code} ${r.message}`);
  return r.state;
}
const ids = (s: FacilitationState) => s.tour!.order.map((x) => x.participantId);
const started = (now = 0, turnLimitSeconds: number | null = null) =>
  must(
    startTour(initialFacilitationState('s1'), { seats, order: 'seat', turnLimitSeconds, random: noRandom }, ctx(now)),
  );

describe('arrangeSeats', () => {
  it('keeps seat (join) order', () => {
    expect(arrangeSeats(seats, 'seat', noRandom).map((s) => s.participantId)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('shuffles with the injected random (Fisher–Yates)', () => {
    // i=3: j=floor(0*4)=0 → d,b,c,a; i=2: j=floor(0.5*3)=1 → d,c,b,a; i=1: j=floor(0.99*2)=1 → unchanged.
    const draws = [0, 0.5, 0.99];
    const random = () => draws.shift()!;
    expect(arrangeSeats(seats, 'shuffled', random).map((s) => s.participantId)).toEqual(['d', 'c', 'b', 'a']);
    expect(draws).toEqual([]);
  });

  it('does not reorder its input', () => {
    const input = [...seats];
    arrangeSeats(input, 'shuffled', () => 0);
    expect(input).toEqual(seats);
  });
});

describe('tour de table', () => {
  it('starts with the first seat holding the floor', () => {
    const s = started(1000, 90);
    expect(s.tour).toEqual({ order: seats, index: 0, turnLimitSeconds: 90, skipped: [], startedAt: 1000 });
    expect(s.speaker).toEqual({ participantId: 'a', name: 'A', since: 1000, language: null });
  });

  it('gives each seat a turn in order, then ends the round with nobody speaking', () => {
    let s = started(0);
    const speakers: (string | undefined)[] = [s.speaker?.participantId];
    for (let t = 1; t <= 4; t++) {
      s = must(tourNext(s, ctx(t * 60_000)));
      speakers.push(s.speaker?.participantId);
    }
    expect(speakers).toEqual(['a', 'b', 'c', 'd', undefined]);
    expect(s.tour!.index).toBe(4);
    expect(turnHolder(s.tour!)).toBeNull();
    expect(s.speakingTime).toMatchObject({ totalMs: 240_000, turns: 4 });
    expect(tourNext(s, ctx(300_000))).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('refuses to start with nobody, and drops a person listed twice', () => {
    const empty = initialFacilitationState('s1');
    expect(startTour(empty, { seats: [], order: 'seat', random: noRandom }, ctx(0))).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    const s = must(
      startTour(empty, { seats: [seat('a'), seat('b'), seat('a')], order: 'seat', random: noRandom }, ctx(0)),
    );
    expect(ids(s)).toEqual(['a', 'b']);
  });

  it('skips the turn holder onto the skipped list and moves on', () => {
    let s = started(0);
    s = must(tourNext(s, ctx(10))); // b
    s = must(tourSkip(s, ctx(10))); // b skipped at once → c
    expect(s.tour!.skipped).toEqual(['b']);
    expect(s.speaker?.participantId).toBe('c');
    // b never spoke: no turn recorded for them.
    expect(s.speakingTime.bySpeaker.map((x) => x.participantId)).toEqual(['a']);
  });

  it('gives a recalled person the next turn, right after the current one', () => {
    let s = started(0);
    s = must(tourSkip(s, ctx(0))); // a skipped → b
    s = must(tourNext(s, ctx(5))); // c
    s = must(tourRecall(s, 'a', ctx(6)));
    expect(ids(s)).toEqual(['b', 'c', 'a', 'd']);
    expect(turnHolder(s.tour!)?.participantId).toBe('c');
    expect(s.speaker?.participantId).toBe('c');
    expect(s.tour!.skipped).toEqual([]);
    s = must(tourNext(s, ctx(7)));
    expect(s.speaker?.participantId).toBe('a');
    s = must(tourNext(s, ctx(8)));
    expect(s.speaker?.participantId).toBe('d');
  });

  it('starts a recalled person’s turn at once when the round is over', () => {
    let s = started(0);
    s = must(tourNext(s, ctx(1))); // b
    s = must(tourSkip(s, ctx(1))); // b skipped → c
    s = must(tourNext(s, ctx(2))); // d
    s = must(tourNext(s, ctx(3))); // over
    expect(s.speaker).toBeNull();
    s = must(tourRecall(s, 'b', ctx(4)));
    expect(ids(s)).toEqual(['a', 'c', 'd', 'b']);
    expect(s.tour!.index).toBe(3);
    expect(s.speaker).toMatchObject({ participantId: 'b', since: 4 });
  });

  it('refuses to recall someone who was not skipped', () => {
    expect(tourRecall(started(0), 'c', ctx(1))).toEqual({
      ok: false,
      code: 'not_found',
      message: 'this person was not skipped',
    });
  });

  it('continues with the next seat after a point of order interrupted a turn', () => {
    let s = started(0); // a
    s = giveFloor(s, { participantId: 'x', name: 'X' }, ctx(30)); // point of order
    s = must(tourNext(s, ctx(40)));
    expect(s.speaker?.participantId).toBe('b');
    expect(s.speakingTime.bySpeaker.map((x) => [x.participantId, x.ms])).toEqual([
      ['a', 30],
      ['x', 10],
    ]);
  });

  it('ends the round with the turn holder’s turn', () => {
    const s = must(endTour(started(0), ctx(50)));
    expect(s.tour).toBeNull();
    expect(s.speaker).toBeNull();
    expect(s.speakingTime.totalMs).toBe(50);
  });

  it('computes the turn limit and over-time from the clock', () => {
    const s = started(1000, 60);
    expect(turnRemainingMs(s, 1000)).toBe(60_000);
    expect(turnRemainingMs(s, 31_000)).toBe(30_000);
    expect(turnRemainingMs(s, 61_000)).toBe(0);
    expect(turnRemainingMs(s, 76_000)).toBe(-15_000);
    // The next turn gets its own limit.
    const b = must(tourNext(s, ctx(76_000)));
    expect(turnRemainingMs(b, 80_000)).toBe(56_000);
  });

  it('has no turn limit without one, or while someone else has the floor', () => {
    expect(turnRemainingMs(started(0, null), 10)).toBeNull();
    const interrupted = giveFloor(started(0, 60), { participantId: 'x', name: 'X' }, ctx(5));
    expect(turnRemainingMs(interrupted, 10)).toBeNull();
  });

  it('leaves the case bringer out during the analysis', () => {
    const analysis: AgendaItem = {
      id: 'i1',
      title: null,
      titleKey: 'agenda.templates.intervision.analysis',
      kind: 'intervision_phase',
      plannedMinutes: 20,
      recommendationIds: [],
      intervisionPhase: 'analysis',
      theme: null,
    };
    const state = { ...initialFacilitationState('s1'), agenda: [analysis], currentItemId: 'i1', caseBringerId: 'b' };
    const s = must(startTour(state, { seats, order: 'seat', random: noRandom }, ctx(0)));
    expect(ids(s)).toEqual(['a', 'c', 'd']);
  });
});

describe('the languages people declared', () => {
  it('count a tour turn in the language the person declared earlier, not as "not given"', () => {
    const base = initialFacilitationState('s1');
    // b said Dutch with a raised hand, then lowered it; d corrected their own turn to English.
    let state = must(raiseHand(base, { participantId: 'b', name: 'B', role: 'participant', language: 'nl' }, 0));
    state = lowerHand(state, 'b');
    state = giveFloor(state, seat('d'), ctx(0));
    state = must(setTurnLanguage(state, 'en'));
    state = must(startTour(state, { seats, order: 'seat', random: noRandom }, ctx(1_000)));
    expect(state.speaker).toMatchObject({ participantId: 'a', language: null });
    state = must(tourNext(state, ctx(2_000)));
    expect(state.speaker).toMatchObject({ participantId: 'b', language: 'nl' });
    state = must(tourNext(state, ctx(5_000)));
    state = must(tourNext(state, ctx(6_000)));
    expect(state.speaker).toMatchObject({ participantId: 'd', language: 'en' });
    state = must(tourNext(state, ctx(10_000)));
    // d's earlier turn (0–1 s, en) + a 1 s unspecified + b 3 s nl + c 1 s unspecified + d 4 s en.
    expect(state.speakingTime.byLanguage).toEqual({ en: 5_000, unspecified: 2_000, nl: 3_000 });
  });

  it('never leave the server: the meeting state sent to anyone has none', () => {
    const state = must(
      raiseHand(
        initialFacilitationState('s1'),
        { participantId: 'b', name: 'B', role: 'participant', language: 'nl' },
        0,
      ),
    );
    expect(state.declaredLanguages).toEqual({ b: 'nl' });
    for (const role of ['facilitator', 'participant', 'observer'] as const) {
      expect(meetingStateFor(state, role, 0)).not.toHaveProperty('declaredLanguages');
    }
  });
});
