import {
  INTERVISION_PHASES,
  type FacilitationState,
  type IntervisionPhase,
  type Role,
} from '@roundtable/protocol/client';
import { ok, refuse, type FacilitationResult } from './state.js';

export { INTERVISION_PHASES };

/** Phases in which the case bringer listens: the others analyse and advise without them. */
export const LISTENING_PHASES: readonly IntervisionPhase[] = ['analysis', 'advice'];

/** The phase after `phase`, or null after the reflection. */
export function nextPhase(phase: IntervisionPhase): IntervisionPhase | null {
  return INTERVISION_PHASES[INTERVISION_PHASES.indexOf(phase) + 1] ?? null;
}

export function isListeningPhase(phase: IntervisionPhase | null): boolean {
  return phase !== null && LISTENING_PHASES.includes(phase);
}

/**
 * Whether someone may post (write in the phase notes, raise a hand) during `phase`, the
 * current intervision phase or null outside one. Observers never post; the case bringer,
 * whatever their role, listens during analysis and advice.
 */
export function canPost(role: Role, isCaseBringer: boolean, phase: IntervisionPhase | null): boolean {
  if (role === 'observer') return false;
  return !(isCaseBringer && isListeningPhase(phase));
}

/** The phase of the current agenda item, or null when it is not an intervision phase. */
export function currentIntervisionPhase(state: FacilitationState): IntervisionPhase | null {
  const item = state.agenda.find((i) => i.id === state.currentItemId);
  return item?.kind === 'intervision_phase' ? item.intervisionPhase : null;
}

export function isCaseBringer(state: FacilitationState, participantId: string): boolean {
  return state.caseBringerId !== null && state.caseBringerId === participantId;
}

/**
 * Whether someone may be given the floor now: anyone but a listening case bringer, who
 * gets it only for a point of order they raised (procedure is never out of turn).
 */
export function mayTakeFloor(state: FacilitationState, participantId: string): boolean {
  if (!isCaseBringer(state, participantId) || !isListeningPhase(currentIntervisionPhase(state))) return true;
  return state.queue.some((e) => e.participantId === participantId && e.kind === 'point_of_order');
}

/**
 * Takes down the case bringer's plain hand once they listen: a hand raised before the
 * analysis would otherwise wait in the queue and get them the floor during it. A point of
 * order stays. Every change of phase or of case bringer ends here; the same state back
 * when nothing changes.
 */
export function enforceListening(state: FacilitationState): FacilitationState {
  const id = state.caseBringerId;
  if (id === null || !isListeningPhase(currentIntervisionPhase(state))) return state;
  const queue = state.queue.filter((e) => e.participantId !== id || e.kind !== 'hand');
  return queue.length === state.queue.length ? state : { ...state, queue };
}

/**
 * Assigns (or with null, clears) the case bringer. Observers cannot bring a case: they
 * cannot speak to it.
 */
export function setCaseBringer(
  state: FacilitationState,
  candidate: { participantId: string; role: Role } | null,
): FacilitationResult {
  if (candidate?.role === 'observer') return refuse('forbidden', 'an observer cannot bring the case');
  const caseBringerId = candidate?.participantId ?? null;
  return caseBringerId === state.caseBringerId ? ok(state) : ok(enforceListening({ ...state, caseBringerId }));
}

/**
 * Forgets the intervision in the state: the case bringer. The notes themselves are Yjs
 * documents the server deletes: {@link intervisionNotesDocNames} names them. The agenda
 * stays (it holds no content, only the phases and their minutes).
 */
export function eraseIntervision(state: FacilitationState, now: number): FacilitationState {
  return { ...state, caseBringerId: null, intervisionErasedAt: state.intervisionErasedAt ?? now };
}

/*
 * Notes documents. Doc names must match [A-Za-z0-9_-]{1,64} (the Yjs endpoint's rule).
 * The name is `ivn-<phase>-<sessionId>`: phases are [a-z_] (no dash), so the first dash
 * after the phase ends it, and the session id follows whole, so the server can check it
 * against the token without a lookup. With the longest phase (clarifying_questions, 20),
 * `ivn-` and a dash take 25 characters, leaving 39 for the session id: a UUID (36) fits. Recommendation
 * ids, the other doc names, are UUIDs and never start with `ivn-` ('i', 'v', 'n' are not
 * hex digits), so the two never collide.
 */
const DOC_PREFIX = 'ivn';
const MAX_DOC_NAME = 64;
const DOC_NAME = /^ivn-([a-z_]+)-([A-Za-z0-9_-]+)$/;

/** Name of the shared notes document of one phase of a session's intervision. */
export function intervisionNotesDocName(sessionId: string, phase: IntervisionPhase): string {
  const name = `${DOC_PREFIX}-${phase}-${sessionId}`;
  if (!/^[A-Za-z0-9_-]+$/.test(sessionId) || name.length > MAX_DOC_NAME) {
    throw new Error(`session id does not fit an intervision doc name: ${sessionId}`);
  }
  return name;
}

/** Every notes document of a session, phase order: what `intervision:erase` deletes. */
export function intervisionNotesDocNames(sessionId: string): string[] {
  return INTERVISION_PHASES.map((phase) => intervisionNotesDocName(sessionId, phase));
}

/** The session and phase a doc name stands for, or null when it is no intervision notes name. */
export function parseIntervisionNotesDocName(docName: string): { sessionId: string; phase: IntervisionPhase } | null {
  if (docName.length > MAX_DOC_NAME) return null;
  const match = DOC_NAME.exec(docName);
  const phase = INTERVISION_PHASES.find((p) => p === match?.[1]);
  return match && phase ? { sessionId: match[2]!, phase } : null;
}
