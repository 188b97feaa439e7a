import type { AgendaItem, AgendaItemInputParsed, FacilitationState } from '@roundtable/protocol/client';
import { enforceListening } from './intervision.js';
import { ok, refuse, type FacilitationResult } from './state.js';
import { stoppedTimer } from './timers.js';

/** Makes a new unique id (the server passes randomUUID; tests pass a counter). */
export type NewId = () => string;

/**
 * Replaces the agenda with the facilitator's list. An input id that names an existing
 * item keeps it (a reorder or rename does not lose the current item); any other item,
 * including one with an id the server never issued, gets a new id. When the current item
 * is gone, there is no current item and no timer.
 */
export function setAgenda(
  state: FacilitationState,
  inputs: readonly AgendaItemInputParsed[],
  newId: NewId,
): FacilitationResult {
  const existing = new Set(state.agenda.map((i) => i.id));
  const used = new Set<string>();
  const agenda: AgendaItem[] = inputs.map((input) => {
    const keep = input.id !== undefined && existing.has(input.id) && !used.has(input.id);
    const id = keep ? input.id! : newId();
    used.add(id);
    return {
      id,
      title: input.title ?? null,
      titleKey: input.titleKey ?? null,
      kind: input.kind,
      plannedMinutes: input.plannedMinutes,
      recommendationIds: [...input.recommendationIds],
      intervisionPhase: input.intervisionPhase ?? null,
      theme: input.theme ?? null,
    };
  });
  const currentKept = state.currentItemId !== null && used.has(state.currentItemId);
  // The current item may have become an analysis or advice phase.
  return ok(
    enforceListening({
      ...state,
      agenda,
      currentItemId: currentKept ? state.currentItemId : null,
      heldItemIds: heldOf(state).filter((held) => used.has(held)),
      timer: currentKept ? state.timer : null,
    }),
  );
}

/**
 * Moves the current item (null: none). The new item's timer is set to its planned minutes
 * and left paused: the facilitator starts it. Choosing the current item again changes
 * nothing, so a double click does not reset a running timer.
 */
export function setCurrentItem(state: FacilitationState, itemId: string | null, now: number): FacilitationResult {
  if (itemId === state.currentItemId) return ok(state);
  if (itemId === null) return ok({ ...state, currentItemId: null, timer: null });
  const item = state.agenda.find((i) => i.id === itemId);
  if (!item) return refuse('not_found', 'no such agenda item');
  return ok(
    enforceListening({
      ...state,
      currentItemId: item.id,
      heldItemIds: heldOf(state).includes(item.id) ? heldOf(state) : [...heldOf(state), item.id],
      timer: stoppedTimer(item.plannedMinutes * 60_000, now),
    }),
  );
}

/**
 * `heldItemIds`, also of a state stored before it (JSON read back without the field): then
 * every item up to the current one counts as held, as the screens showed it until then.
 */
function heldOf(
  state: Pick<FacilitationState, 'agenda' | 'currentItemId'> & { heldItemIds?: readonly string[] },
): string[] {
  if (state.heldItemIds) return [...state.heldItemIds];
  const currentAt = state.agenda.findIndex((i) => i.id === state.currentItemId);
  return state.agenda.slice(0, currentAt + 1).map((i) => i.id);
}

/** Where an agenda item stands in the meeting. */
export type AgendaItemProgress = 'done' | 'current' | 'skipped' | 'upcoming';

/**
 * Each item's progress, by id: `current`; `done` once it has been current; `skipped` when
 * it never was but a later item has been (the facilitator went past it); else `upcoming`.
 */
export function agendaProgress(
  state: Pick<FacilitationState, 'agenda' | 'currentItemId'> & { heldItemIds?: readonly string[] },
): Map<string, AgendaItemProgress> {
  const held = new Set(heldOf(state));
  let furthest = -1;
  state.agenda.forEach((item, at) => {
    if (held.has(item.id) || item.id === state.currentItemId) furthest = at;
  });
  return new Map(
    state.agenda.map((item, at): [string, AgendaItemProgress] => {
      if (item.id === state.currentItemId) return [item.id, 'current'];
      if (held.has(item.id)) return [item.id, 'done'];
      return [item.id, at < furthest ? 'skipped' : 'upcoming'];
    }),
  );
}

/** The item after `currentItemId` (the first when there is none), or null after the last. */
export function nextItemId(agenda: readonly AgendaItem[], currentItemId: string | null): string | null {
  if (currentItemId === null) return agenda[0]?.id ?? null;
  const at = agenda.findIndex((i) => i.id === currentItemId);
  return at === -1 ? null : (agenda[at + 1]?.id ?? null);
}
