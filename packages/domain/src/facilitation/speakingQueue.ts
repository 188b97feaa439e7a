import type { FacilitationState, QueueEntry, Role, SpeakerLanguage } from '@roundtable/protocol/client';
import { declareLanguage, giveFloor } from './floor.js';
import { canPost, currentIntervisionPhase, isCaseBringer, mayTakeFloor } from './intervision.js';
import { ok, refuse, type FacilitationResult, type FloorContext } from './state.js';

/**
 * Puts an entry in its place: a point of order goes ahead of every plain hand but behind
 * the points of order raised before it; a hand goes last. Placement goes by position, not
 * by `raisedAt`, so two hands raised in the same millisecond keep their arrival order.
 */
export function insertEntry(queue: readonly QueueEntry[], entry: QueueEntry): QueueEntry[] {
  if (entry.kind === 'hand') return [...queue, entry];
  const firstHand = queue.findIndex((e) => e.kind === 'hand');
  const at = firstHand === -1 ? queue.length : firstHand;
  return [...queue.slice(0, at), entry, ...queue.slice(at)];
}

export interface HandRaiser {
  participantId: string;
  name: string;
  role: Role;
  pointOfOrder?: boolean;
  language?: SpeakerLanguage;
}

/**
 * Raises a hand (or a point of order) at `now`. One entry per person: raising again keeps
 * the place; turning a hand into a point of order moves it up among the points of order
 * (as raised now); a plain raise never demotes a point of order. Observers do not speak.
 * A listening case bringer (intervision analysis and advice) may still raise a point of
 * order: procedure, e.g. confidentiality, is never out of turn.
 */
export function raiseHand(state: FacilitationState, raiser: HandRaiser, now: number): FacilitationResult {
  const raised = raiseHandOnly(state, raiser, now);
  return raised.ok ? ok(declareLanguage(raised.state, raiser.participantId, raiser.language)) : raised;
}

function raiseHandOnly(state: FacilitationState, raiser: HandRaiser, now: number): FacilitationResult {
  const kind = raiser.pointOfOrder ? 'point_of_order' : 'hand';
  if (raiser.role === 'observer') return refuse('forbidden', 'observers do not take the floor');
  const listening = !canPost(raiser.role, isCaseBringer(state, raiser.participantId), currentIntervisionPhase(state));
  if (listening && kind === 'hand') return refuse('forbidden', 'the case bringer listens in this phase');

  const existing = state.queue.find((e) => e.participantId === raiser.participantId);
  if (existing && (existing.kind === kind || existing.kind === 'point_of_order')) {
    if (raiser.language === undefined || raiser.language === existing.language) return ok(state);
    return ok({
      ...state,
      queue: state.queue.map((e) => (e === existing ? { ...e, language: raiser.language ?? null } : e)),
    });
  }
  const rest = state.queue.filter((e) => e.participantId !== raiser.participantId);
  const entry: QueueEntry = {
    participantId: raiser.participantId,
    name: raiser.name,
    kind,
    raisedAt: now,
    language: raiser.language ?? existing?.language ?? null,
  };
  return ok({ ...state, queue: insertEntry(rest, entry) });
}

/** Lowers someone's hand or point of order; the same state when they had none. */
export function lowerHand(state: FacilitationState, participantId: string): FacilitationState {
  const queue = state.queue.filter((e) => e.participantId !== participantId);
  return queue.length === state.queue.length ? state : { ...state, queue };
}

/**
 * Gives the floor to the head of the queue, ending the current turn. A listening case
 * bringer's hand is passed over (enforceListening takes it down; a state stored before
 * that rule may still hold one).
 */
export function nextInQueue(state: FacilitationState, ctx: FloorContext): FacilitationResult {
  const head = state.queue.find((e) => mayTakeFloor(state, e.participantId));
  if (!head) return refuse('conflict', 'the queue is empty');
  return ok(giveFloor(state, head, ctx));
}
