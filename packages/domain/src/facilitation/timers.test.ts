import { describe, expect, it } from 'vitest';
import type { AgendaItem } from '@roundtable/protocol';
import { initialFacilitationState } from './state.js';
import {
  applyTimer,
  clockOffset,
  elapsedMs,
  isOverTime,
  isRunning,
  pauseTimer,
  remainingMs,
  resetTimer,
  resumeTimer,
  serverTimeAt,
  startTimer,
  stoppedTimer,
} from './timers.js';

const MIN = 60_000;

describe('timers against an injected clock', () => {
  it('counts down from the start', () => {
    const t = startTimer(5 * MIN, 1_000);
    expect(isRunning(t)).toBe(true);
    expect(remainingMs(t, 1_000)).toBe(5 * MIN);
    expect(remainingMs(t, 61_000)).toBe(4 * MIN);
  });

  it('goes negative past the duration: over-time is shown', () => {
    const t = startTimer(MIN, 0);
    expect(remainingMs(t, MIN)).toBe(0);
    expect(isOverTime(t, MIN)).toBe(false);
    expect(remainingMs(t, MIN + 12_345)).toBe(-12_345);
    expect(isOverTime(t, MIN + 1)).toBe(true);
  });

  it('stands still while paused and resumes where it stopped', () => {
    const t = startTimer(10 * MIN, 0);
    const paused = pauseTimer(t, 2 * MIN);
    expect(remainingMs(paused, 2 * MIN)).toBe(8 * MIN);
    expect(remainingMs(paused, 7 * MIN)).toBe(8 * MIN);
    const resumed = resumeTimer(paused, 7 * MIN);
    expect(resumed).toEqual({
      durationMs: 10 * MIN,
      startedAt: 7 * MIN,
      pausedAt: null,
      elapsedBeforePauseMs: 2 * MIN,
    });
    expect(remainingMs(resumed, 8 * MIN)).toBe(7 * MIN);
    // A second pause/resume cycle adds up.
    const again = resumeTimer(pauseTimer(resumed, 9 * MIN), 20 * MIN);
    expect(elapsedMs(again, 21 * MIN)).toBe(5 * MIN);
  });

  it('returns the same timer for a pause while paused or a resume while running', () => {
    const t = startTimer(MIN, 0);
    expect(resumeTimer(t, 5)).toBe(t);
    const p = pauseTimer(t, 10);
    expect(pauseTimer(p, 20)).toBe(p);
  });

  it('resets to the whole duration, paused', () => {
    const t = resetTimer(startTimer(3 * MIN, 0), 4 * MIN);
    expect(t).toEqual(stoppedTimer(3 * MIN, 4 * MIN));
    expect(isRunning(t)).toBe(false);
    expect(remainingMs(t, 10 * MIN)).toBe(3 * MIN);
    expect(remainingMs(resumeTimer(t, 10 * MIN), 11 * MIN)).toBe(2 * MIN);
  });

  it('counts no time for a clock that is behind the start (another instance)', () => {
    const t = startTimer(MIN, 10_000);
    expect(remainingMs(t, 9_000)).toBe(MIN);
    expect(pauseTimer(t, 9_000).pausedAt).toBe(10_000);
  });
});

describe('clock offset', () => {
  it('is the server clock minus the client clock', () => {
    expect(clockOffset(1_000_000, 997_000)).toBe(3_000);
    expect(clockOffset(1_000_000, 1_002_000)).toBe(-2_000);
  });

  it('assumes the server stamped the message half-way through the round trip', () => {
    // Sent at client 10_000, answered at client 10_200, server said 50_000 half-way.
    expect(clockOffset(50_000, 10_200, 200)).toBe(39_900);
    expect(serverTimeAt(10_200, 39_900)).toBe(50_100);
  });

  it('lets two clients with different clocks show the same remaining time', () => {
    const t = startTimer(5 * MIN, 1_000_000);
    const serverNow = 1_060_000;
    const fast = clockOffset(serverNow, 1_090_000, 100); // client clock 30 s ahead
    const slow = clockOffset(serverNow, 1_000_000, 100); // client clock 60 s behind
    const left = (clientNow: number, offset: number) => remainingMs(t, serverTimeAt(clientNow, offset));
    expect(left(1_090_000, fast)).toBe(left(1_000_000, slow));
    expect(left(1_090_000, fast)).toBe(4 * MIN - 50);
  });
});

describe('applyTimer', () => {
  const item: AgendaItem = {
    id: 'i1',
    title: 'Context',
    titleKey: null,
    kind: 'discussion',
    plannedMinutes: 20,
    recommendationIds: [],
    intervisionPhase: null,
    theme: null,
  };
  const withItem = { ...initialFacilitationState('s1'), agenda: [item], currentItemId: 'i1' };

  it('starts for the current item’s planned minutes by default', () => {
    expect(applyTimer(withItem, { type: 'start' }, 500)).toEqual({
      ok: true,
      state: { ...withItem, timer: startTimer(20 * MIN, 500) },
    });
  });

  it('starts for a given duration', () => {
    const r = applyTimer(initialFacilitationState('s1'), { type: 'start', durationSeconds: 90 }, 0);
    expect(r.ok && r.state.timer).toEqual(startTimer(90_000, 0));
  });

  it('refuses a default start without a current item or planned time', () => {
    expect(applyTimer(initialFacilitationState('s1'), { type: 'start' }, 0)).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    const zero = { ...withItem, agenda: [{ ...item, plannedMinutes: 0 }] };
    expect(applyTimer(zero, { type: 'start' }, 0)).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('pauses, resumes and resets the state’s timer; refuses without one', () => {
    const running = { ...withItem, timer: startTimer(MIN, 0) };
    const paused = applyTimer(running, { type: 'pause' }, 10_000);
    expect(paused.ok && paused.state.timer?.pausedAt).toBe(10_000);
    expect(paused.ok && applyTimer(paused.state, { type: 'pause' }, 20_000)).toEqual(paused);
    expect(applyTimer(withItem, { type: 'resume' }, 0)).toEqual({ ok: false, code: 'conflict', message: 'no timer' });
    const reset = applyTimer(running, { type: 'reset' }, 30_000);
    expect(reset.ok && reset.state.timer).toEqual(stoppedTimer(MIN, 30_000));
  });
});
