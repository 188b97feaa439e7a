import { describe, expect, it } from 'vitest';
import type { FacilitationState, VoterGroup } from '@roundtable/protocol';
import { lowerHand, nextInQueue, raiseHand, type HandRaiser } from './speakingQueue.js';
import { initialFacilitationState, type FacilitationResult } from './state.js';

const state0 = initialFacilitationState('s1');
const groups: Record<string, VoterGroup> = {
  a: 'civil_society',
  b: 'administration',
  c: 'local_authority',
  d: 'other',
};
const ctx = (now: number) => ({ now, groupOf: (id: string) => groups[id] ?? 'unspecified' });
const person = (id: string, extra: Partial<HandRaiser> = {}): HandRaiser => ({
  participantId: id,
  name: id.toUpperCase(),
  role: 'participant',
  ...extra,
});
function must(r: FacilitationResult): FacilitationState {
  if (!r.ok) throw new Error(`refused: ${r.code} ${r.message}`);
  return r.state;
}
/** Raises hands in order, one ms apart. */
function raiseAll(state: FacilitationState, raisers: HandRaiser[], from = 1000): FacilitationState {
  return raisers.reduce((s, r, i) => must(raiseHand(s, r, from + i)), state);
}
const order = (s: FacilitationState) => s.queue.map((e) => `${e.participantId}:${e.kind}`);

describe('speaking queue ordering', () => {
  it('keeps hands in the order raised', () => {
    const s = raiseAll(state0, [person('a'), person('b'), person('c')]);
    expect(order(s)).toEqual(['a:hand', 'b:hand', 'c:hand']);
    expect(s.queue.map((e) => e.raisedAt)).toEqual([1000, 1001, 1002]);
  });

  it('puts a point of order ahead of hands but behind earlier points of order', () => {
    const s = raiseAll(state0, [
      person('a'),
      person('b', { pointOfOrder: true }),
      person('c'),
      person('d', { pointOfOrder: true }),
    ]);
    expect(order(s)).toEqual(['b:point_of_order', 'd:point_of_order', 'a:hand', 'c:hand']);
  });

  it('keeps arrival order for hands raised in the same millisecond', () => {
    let s = must(raiseHand(state0, person('c'), 5));
    s = must(raiseHand(s, person('a'), 5));
    s = must(raiseHand(s, person('b'), 5));
    expect(order(s)).toEqual(['c:hand', 'a:hand', 'b:hand']);
  });

  it('has no duplicates: raising again keeps the place and returns the same state', () => {
    const s = raiseAll(state0, [person('a'), person('b')]);
    const again = raiseHand(s, person('a'), 2000);
    expect(again).toEqual({ ok: true, state: s });
    expect(again.ok && again.state).toBe(s);
  });

  it('turns a hand into a point of order, placed after the earlier points of order', () => {
    const s = raiseAll(state0, [person('a'), person('b', { pointOfOrder: true }), person('c')]);
    const up = must(raiseHand(s, person('c', { pointOfOrder: true }), 3000));
    expect(order(up)).toEqual(['b:point_of_order', 'c:point_of_order', 'a:hand']);
    expect(up.queue[1]!.raisedAt).toBe(3000);
  });

  it('never demotes a point of order to a hand', () => {
    const s = raiseAll(state0, [person('a'), person('b', { pointOfOrder: true })]);
    expect(must(raiseHand(s, person('b'), 3000))).toBe(s);
  });

  it('updates the declared language of a raised hand in place', () => {
    const s = raiseAll(state0, [person('a'), person('b')]);
    const fr = must(raiseHand(s, person('a', { language: 'fr' }), 3000));
    expect(order(fr)).toEqual(['a:hand', 'b:hand']);
    expect(fr.queue[0]).toMatchObject({ language: 'fr', raisedAt: 1000 });
  });

  it('refuses observers', () => {
    expect(raiseHand(state0, person('o', { role: 'observer' }), 1)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('lowers a hand and returns the same state for someone not in the queue', () => {
    const s = raiseAll(state0, [person('a'), person('b'), person('c')]);
    expect(order(lowerHand(s, 'b'))).toEqual(['a:hand', 'c:hand']);
    expect(lowerHand(s, 'z')).toBe(s);
  });
});

describe('queue:next', () => {
  it('gives the floor to the head, point of order first, and pops it', () => {
    const s = raiseAll(state0, [person('a'), person('b', { pointOfOrder: true, language: 'nl' })]);
    const next = must(nextInQueue(s, ctx(5000)));
    expect(next.speaker).toEqual({ participantId: 'b', name: 'B', since: 5000, language: 'nl' });
    expect(order(next)).toEqual(['a:hand']);
  });

  it('ends and measures the current turn when moving on', () => {
    let s = raiseAll(state0, [person('a'), person('b')]);
    s = must(nextInQueue(s, ctx(10_000)));
    s = must(nextInQueue(s, ctx(25_000)));
    expect(s.speaker?.participantId).toBe('b');
    expect(s.queue).toEqual([]);
    expect(s.speakingTime).toMatchObject({ totalMs: 15_000, turns: 1, byGroup: { civil_society: 15_000 } });
  });

  it('refuses on an empty queue', () => {
    expect(nextInQueue(state0, ctx(1))).toEqual({ ok: false, code: 'conflict', message: 'the queue is empty' });
  });

  it('does not loop on a speaker who raised their hand again', () => {
    let s = raiseAll(state0, [person('a')]);
    s = must(nextInQueue(s, ctx(2000)));
    s = must(raiseHand(s, person('a'), 2500));
    s = raiseAll(s, [person('b')], 2600);
    s = must(nextInQueue(s, ctx(3000)));
    expect(s.speaker).toMatchObject({ participantId: 'a', since: 2000 });
    expect(order(s)).toEqual(['b:hand']);
    s = must(nextInQueue(s, ctx(4000)));
    expect(s.speaker).toMatchObject({ participantId: 'b', since: 4000 });
  });
});
