import type { ErrorCode, FacilitationState, MeetingState, Role, VoterGroup } from '@roundtable/protocol/client';

/**
 * Outcome of a facilitation change that can be refused. A refusal carries an ack error
 * code (`conflict`: not possible in this state; `not_found`: unknown item or person;
 * `forbidden`: a rule of the state, e.g. a listening case bringer) and a short English
 * developer message; the UI translates by code. When nothing changes, `state` is the very
 * object passed in, so the caller can skip storing and broadcasting.
 */
export type FacilitationResult =
  | { ok: true; state: FacilitationState }
  | { ok: false; code: Extract<ErrorCode, 'conflict' | 'not_found' | 'forbidden'>; message: string };

export const ok = (state: FacilitationState): FacilitationResult => ({ ok: true, state });
export const refuse = (
  code: Extract<ErrorCode, 'conflict' | 'not_found' | 'forbidden'>,
  message: string,
): FacilitationResult => ({ ok: false, code, message });

/**
 * What ending a turn needs: the server clock, and the speaker's stakeholder group. The
 * group is looked up (from the join record) rather than kept in the state, so no
 * broadcast ever tells the room a person's organisation type.
 */
export interface FloorContext {
  now: number;
  groupOf: (participantId: string) => VoterGroup;
}

/** The state of a session nobody has facilitated yet. */
export function initialFacilitationState(sessionId: string): FacilitationState {
  return {
    sessionId,
    revision: 0,
    agenda: [],
    currentItemId: null,
    heldItemIds: [],
    timer: null,
    queue: [],
    speaker: null,
    tour: null,
    caseBringerId: null,
    intervisionErasedAt: null,
    minuteTakerId: null,
    publicSummaryKey: null,
    speakingTime: { totalMs: 0, turns: 0, byGroup: {}, byLanguage: {}, bySpeaker: [] },
  };
}

/**
 * Shapes the state for one receiver: speaking time stays with facilitators. `serverNow`
 * is stamped when the message is built so clients can compute their clock offset.
 */
export function meetingStateFor(state: FacilitationState, role: Role, serverNow: number): MeetingState {
  // Declared languages only feed speaking time; they go to nobody.
  const { speakingTime, declaredLanguages: _declared, ...shared } = state;
  return role === 'facilitator' ? { ...shared, speakingTime, serverNow } : { ...shared, serverNow };
}
