import type { FacilitationState, Role, SpeakerLanguage, SpeakingTime } from '@roundtable/protocol/client';
import { recordTurn } from './speakingTime.js';
import { ok, refuse, type FacilitationResult, type FloorContext } from './state.js';

/** Who is to get the floor. */
export interface FloorHolder {
  participantId: string;
  name: string;
  language?: SpeakerLanguage | null;
}

/**
 * Ends the current turn, adding its time to the speaking-time sums. Without a speaker the
 * state is returned as it is. Every change of speaker goes through here, so no turn is
 * ever left unmeasured.
 */
export function endTurn(state: FacilitationState, ctx: FloorContext): FacilitationState {
  const { speaker } = state;
  if (speaker === null) return state;
  return {
    ...state,
    speaker: null,
    speakingTime: recordTurn(state.speakingTime, {
      participantId: speaker.participantId,
      name: speaker.name,
      group: ctx.groupOf(speaker.participantId),
      language: speaker.language,
      from: speaker.since,
      to: ctx.now,
    }),
  };
}

/**
 * Gives the floor to `holder` from `ctx.now`, ending the current turn first. The holder's
 * raised hand, if any, is taken down: they have been heard. The turn's language is the
 * holder's, else the one declared with that hand, else the last one the person declared (a
 * tour de table or a facilitator gives turns nobody asked for). Giving the floor to whoever has it
 * keeps their turn running.
 */
export function giveFloor(state: FacilitationState, holder: FloorHolder, ctx: FloorContext): FacilitationState {
  if (state.speaker?.participantId === holder.participantId) {
    // Still take their hand down, or `queue:next` would find them at the head forever.
    const queue = state.queue.filter((e) => e.participantId !== holder.participantId);
    return queue.length === state.queue.length ? state : { ...state, queue };
  }
  const ended = endTurn(state, ctx);
  const hand = state.queue.find((e) => e.participantId === holder.participantId);
  return {
    ...ended,
    queue: ended.queue.filter((e) => e.participantId !== holder.participantId),
    speaker: {
      participantId: holder.participantId,
      name: holder.name,
      since: ctx.now,
      language: holder.language ?? hand?.language ?? state.declaredLanguages?.[holder.participantId] ?? null,
    },
  };
}

/** Sets the language of the current turn (the whole turn counts in it). */
export function setTurnLanguage(state: FacilitationState, language: SpeakerLanguage): FacilitationResult {
  if (state.speaker === null) return refuse('conflict', 'nobody has the floor');
  if (state.speaker.language === language) return ok(state);
  return ok(
    declareLanguage({ ...state, speaker: { ...state.speaker, language } }, state.speaker.participantId, language),
  );
}

/** Remembers the language a person said they speak in, for their later turns. */
export function declareLanguage(
  state: FacilitationState,
  participantId: string,
  language: SpeakerLanguage | undefined,
): FacilitationState {
  if (language === undefined || state.declaredLanguages?.[participantId] === language) return state;
  return { ...state, declaredLanguages: { ...state.declaredLanguages, [participantId]: language } };
}

/** `floor:end` and `floor:language`: a facilitator, or the person who has the floor. */
export function canManageOwnTurn(state: FacilitationState, actor: { participantId: string; role: Role }): boolean {
  return (
    actor.role === 'facilitator' || (state.speaker !== null && state.speaker.participantId === actor.participantId)
  );
}

/** Speaking time including the turn still running, e.g. for the report at the end of a session. */
export function speakingTimeAt(state: FacilitationState, ctx: FloorContext): SpeakingTime {
  return endTurn(state, ctx).speakingTime;
}
