import type { FacilitationState, Tour, TourOrder, TourSeat } from '@roundtable/protocol/client';
import { endTurn, giveFloor } from './floor.js';
import { currentIntervisionPhase, isListeningPhase, mayTakeFloor } from './intervision.js';
import { ok, refuse, type FacilitationResult, type FloorContext } from './state.js';

/**
 * Seats in turn order: as given (the order people joined: our stand-in for seat order), or
 * shuffled with `random` (values in [0, 1), e.g. Math.random; injected so tests are exact).
 */
export function arrangeSeats(seats: readonly TourSeat[], order: TourOrder, random: () => number): TourSeat[] {
  const out = [...seats];
  if (order === 'shuffled') {
    // Fisher–Yates: every order equally likely for a uniform `random`.
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.min(i, Math.floor(random() * (i + 1)));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
  }
  return out;
}

export interface TourStart {
  /** Present participants in the order they joined; the server decides who is present. */
  seats: readonly TourSeat[];
  order: TourOrder;
  turnLimitSeconds?: number | null;
  random: () => number;
}

/** Who holds the turn, or null when the round is over. */
export function turnHolder(tour: Tour): TourSeat | null {
  return tour.order[tour.index] ?? null;
}

/**
 * Starts a round (replacing one still running) and gives the floor to its first seat.
 * A person listed twice keeps their first seat. During the analysis and advice of an
 * intervision the case bringer listens, so they get no seat.
 */
export function startTour(state: FacilitationState, start: TourStart, ctx: FloorContext): FacilitationResult {
  const listening = isListeningPhase(currentIntervisionPhase(state));
  const seen = new Set<string>();
  const seats = start.seats.filter((s) => {
    if (seen.has(s.participantId) || (listening && s.participantId === state.caseBringerId)) return false;
    seen.add(s.participantId);
    return true;
  });
  if (seats.length === 0) return refuse('conflict', 'nobody to go round');
  const order = arrangeSeats(seats, start.order, start.random);
  const tour: Tour = {
    order,
    index: 0,
    turnLimitSeconds: start.turnLimitSeconds ?? null,
    skipped: [],
    startedAt: ctx.now,
  };
  return ok(giveFloor({ ...state, tour }, order[0]!, ctx));
}

/**
 * Moves the turn to `index`: the seat there gets the floor, or nobody once past the end.
 * A round started before the analysis passes over the case bringer's seat while they listen.
 */
function moveTo(state: FacilitationState, tour: Tour, index: number, ctx: FloorContext): FacilitationState {
  let at = index;
  while (tour.order[at] && !mayTakeFloor(state, tour.order[at]!.participantId)) at++;
  const next = { ...tour, index: at };
  const seat = turnHolder(next);
  // The turn that ends may not be the holder's: a facilitator can give the floor to a
  // point of order mid-round. Either way the current turn ends here and is measured.
  return seat ? giveFloor({ ...state, tour: next }, seat, ctx) : endTurn({ ...state, tour: next }, ctx);
}

/** Next seat's turn. After the last seat the round is over (no speaker, tour kept). */
export function tourNext(state: FacilitationState, ctx: FloorContext): FacilitationResult {
  const { tour } = state;
  if (tour === null) return refuse('conflict', 'no tour de table');
  if (turnHolder(tour) === null) return refuse('conflict', 'the round is over');
  return ok(moveTo(state, tour, tour.index + 1, ctx));
}

/** The turn holder is skipped (they can be recalled) and the next seat gets the turn. */
export function tourSkip(state: FacilitationState, ctx: FloorContext): FacilitationResult {
  const { tour } = state;
  const holder = tour && turnHolder(tour);
  if (!tour || !holder) return refuse('conflict', 'no turn to skip');
  const skipped = tour.skipped.includes(holder.participantId) ? tour.skipped : [...tour.skipped, holder.participantId];
  return ok(moveTo(state, { ...tour, skipped }, tour.index + 1, ctx));
}

/**
 * A skipped person gets the next turn: their seat moves to just after the current one.
 * When the round is over there is no current turn, so theirs starts at once.
 */
export function tourRecall(state: FacilitationState, participantId: string, ctx: FloorContext): FacilitationResult {
  const { tour } = state;
  if (tour === null) return refuse('conflict', 'no tour de table');
  if (!tour.skipped.includes(participantId)) return refuse('not_found', 'this person was not skipped');
  const from = tour.order.findIndex((s) => s.participantId === participantId);
  const seat = tour.order[from];
  if (!seat) return refuse('not_found', 'this person has no seat in the round');
  const order = tour.order.filter((_, i) => i !== from);
  const index = from < tour.index ? tour.index - 1 : tour.index;
  const skipped = tour.skipped.filter((id) => id !== participantId);
  if (index < order.length) {
    order.splice(index + 1, 0, seat);
    return ok({ ...state, tour: { ...tour, order, index, skipped } });
  }
  order.push(seat);
  return ok(moveTo(state, { ...tour, order, skipped }, order.length - 1, ctx));
}

/** Ends the round; the turn holder's turn ends with it (another speaker keeps the floor). */
export function endTour(state: FacilitationState, ctx: FloorContext): FacilitationResult {
  const { tour } = state;
  if (tour === null) return ok(state);
  const holder = turnHolder(tour);
  const ended = holder && state.speaker?.participantId === holder.participantId ? endTurn(state, ctx) : state;
  return ok({ ...ended, tour: null });
}

/**
 * Time left in the current turn (ms; negative = over-time), or null when there is no
 * limit or the person speaking is not the turn holder.
 */
export function turnRemainingMs(state: FacilitationState, now: number): number | null {
  const { tour, speaker } = state;
  if (!tour || tour.turnLimitSeconds === null || !speaker) return null;
  if (turnHolder(tour)?.participantId !== speaker.participantId) return null;
  return tour.turnLimitSeconds * 1000 - Math.max(0, now - speaker.since);
}
