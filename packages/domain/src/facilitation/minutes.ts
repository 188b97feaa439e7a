import type { FacilitationState, Role } from '@roundtable/protocol/client';
import { ok, refuse, type FacilitationResult } from './state.js';

/*
 * The minutes document of a session: `minutes-<sessionId>`. Doc names must match
 * [A-Za-z0-9_-]{1,64}; `minutes-` takes 8, leaving 56 for the session id (a UUID is 36).
 * Recommendation ids are UUIDs ('m' is no hex digit) and notes are `ivn-…`: no collision.
 */
const DOC_NAME = /^minutes-([A-Za-z0-9_-]{1,56})$/;

/** Name of a session's minutes document. */
export function minutesDocName(sessionId: string): string {
  const name = `minutes-${sessionId}`;
  if (!DOC_NAME.test(name)) throw new Error(`session id does not fit a minutes doc name: ${sessionId}`);
  return name;
}

/** The session a doc name's minutes belong to, or null when it names no minutes document. */
export function parseMinutesDocName(docName: string): string | null {
  return DOC_NAME.exec(docName)?.[1] ?? null;
}

/** Facilitators write the minutes, and the named minute-taker; everyone else reads them. */
export function mayWriteMinutes(
  state: Pick<FacilitationState, 'minuteTakerId'> | undefined,
  participantId: string,
  role: Role,
): boolean {
  if (role === 'facilitator') return true;
  return role === 'participant' && state?.minuteTakerId != null && state.minuteTakerId === participantId;
}

/** Names (or with null, clears) the minute-taker: a participant, never an observer. */
export function setMinuteTaker(
  state: FacilitationState,
  candidate: { participantId: string; role: Role } | null,
): FacilitationResult {
  if (candidate && candidate.role !== 'participant')
    return refuse('forbidden', 'the minute-taker is a participant (facilitators write the minutes anyway)');
  const minuteTakerId = candidate?.participantId ?? null;
  return minuteTakerId === state.minuteTakerId ? ok(state) : ok({ ...state, minuteTakerId });
}

/**
 * Publishes the public summary under a new key (`newKey`, random, made by the caller), or
 * keeps the key already published; unpublishing forgets it, so a later publication gets a
 * new one and an old QR code stops working.
 */
export function setSummaryPublished(
  state: FacilitationState,
  published: boolean,
  newKey: () => string,
): FacilitationResult {
  if (published === (state.publicSummaryKey !== null)) return ok(state);
  return ok({ ...state, publicSummaryKey: published ? newKey() : null });
}
