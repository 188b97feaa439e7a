import type { FacilitationState, TimerState } from '@roundtable/protocol/client';
import { ok, refuse, type FacilitationResult } from './state.js';

/*
 * Timers run on the server clock: every function takes `now` in server ms, and a client
 * passes `Date.now() + offset` (see clockOffset). No function here reads a clock.
 */

/** A timer of `durationMs` running from `now`. */
export function startTimer(durationMs: number, now: number): TimerState {
  return { durationMs, startedAt: now, pausedAt: null, elapsedBeforePauseMs: 0 };
}

/** A timer of `durationMs` that has not run yet: shows the whole duration, paused. */
export function stoppedTimer(durationMs: number, now: number): TimerState {
  return { durationMs, startedAt: now, pausedAt: now, elapsedBeforePauseMs: 0 };
}

export function isRunning(timer: TimerState): boolean {
  return timer.pausedAt === null;
}

/** Pauses a running timer; a paused one is returned as it is. */
export function pauseTimer(timer: TimerState, now: number): TimerState {
  if (!isRunning(timer)) return timer;
  // Instances' clocks may differ slightly: never pause before the start.
  return { ...timer, pausedAt: Math.max(now, timer.startedAt) };
}

/** Resumes a paused timer, keeping the time it ran; a running one is returned as it is. */
export function resumeTimer(timer: TimerState, now: number): TimerState {
  if (timer.pausedAt === null) return timer;
  return {
    ...timer,
    elapsedBeforePauseMs: timer.elapsedBeforePauseMs + Math.max(0, timer.pausedAt - timer.startedAt),
    startedAt: now,
    pausedAt: null,
  };
}

/** Back to the whole duration, paused. */
export function resetTimer(timer: TimerState, now: number): TimerState {
  return stoppedTimer(timer.durationMs, now);
}

/** Time run so far; a `now` before the start (clock skew) counts as no time. */
export function elapsedMs(timer: TimerState, now: number): number {
  return timer.elapsedBeforePauseMs + Math.max(0, (timer.pausedAt ?? now) - timer.startedAt);
}

/** Time left at `now` (server ms). Negative past the duration: that is the over-time. */
export function remainingMs(timer: TimerState, now: number): number {
  return timer.durationMs - elapsedMs(timer, now);
}

export function isOverTime(timer: TimerState, now: number): boolean {
  return remainingMs(timer, now) < 0;
}

/**
 * How far the server clock is ahead of this client's (ms; add it to `Date.now()`).
 * `serverNow` is the `serverNow` of a message received at `clientReceiveTime` (client ms).
 * With the round trip of an acknowledged request (`meeting:get`), the message is assumed
 * to have been stamped half-way; without one the one-way delay is ignored, which is well
 * within the one second screens may differ by. Keep the sample with the smallest round trip.
 */
export function clockOffset(serverNow: number, clientReceiveTime: number, rttMs = 0): number {
  return serverNow + rttMs / 2 - clientReceiveTime;
}

/** Server time now, as seen from a client with the given offset. */
export function serverTimeAt(clientNow: number, offsetMs: number): number {
  return clientNow + offsetMs;
}

/** The timer commands of the facilitator (`timer:*` events). */
export type TimerAction =
  | { type: 'start'; durationSeconds?: number }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'reset' };

/**
 * Applies a timer command to the session state. `start` without a duration runs for the
 * current agenda item's planned minutes; it is refused when there is none to use.
 */
export function applyTimer(state: FacilitationState, action: TimerAction, now: number): FacilitationResult {
  if (action.type === 'start') {
    let durationMs: number;
    if (action.durationSeconds !== undefined) {
      durationMs = action.durationSeconds * 1000;
    } else {
      const item = state.agenda.find((i) => i.id === state.currentItemId);
      if (!item) return refuse('conflict', 'no current item: give durationSeconds');
      if (item.plannedMinutes === 0)
        return refuse('conflict', 'the current item has no planned time: give durationSeconds');
      durationMs = item.plannedMinutes * 60_000;
    }
    return ok({ ...state, timer: startTimer(durationMs, now) });
  }
  if (state.timer === null) return refuse('conflict', 'no timer');
  const next =
    action.type === 'pause'
      ? pauseTimer(state.timer, now)
      : action.type === 'resume'
        ? resumeTimer(state.timer, now)
        : resetTimer(state.timer, now);
  return next === state.timer ? ok(state) : ok({ ...state, timer: next });
}
