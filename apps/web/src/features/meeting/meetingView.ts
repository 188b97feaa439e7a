import { currentIntervisionPhase, emptySpeakingTime, turnHolder, turnRemainingMs } from '@roundtable/domain';
import type {
  AgendaItem,
  FacilitationState,
  IntervisionPhase,
  MeetingState,
  TourSeat,
} from '@roundtable/protocol/client';

/**
 * The domain's helpers take the server's whole state; a client holds a MeetingState, which
 * lacks `speakingTime` outside facilitators. The helpers used here never read it, so an
 * empty one stands in.
 */
function asState(meeting: MeetingState): FacilitationState {
  const { serverNow: _serverNow, speakingTime, ...shared } = meeting;
  return { ...shared, speakingTime: speakingTime ?? emptySpeakingTime() };
}

export function currentItem(meeting: MeetingState | null): AgendaItem | null {
  if (!meeting) return null;
  return meeting.agenda.find((i) => i.id === meeting.currentItemId) ?? null;
}

export function currentPhase(meeting: MeetingState | null): IntervisionPhase | null {
  return meeting ? currentIntervisionPhase(asState(meeting)) : null;
}

/** Time left in the tour de table turn (negative: over-time), or null without a limit. */
export function tourTurnRemaining(meeting: MeetingState, serverNow: number): number | null {
  return turnRemainingMs(asState(meeting), serverNow);
}

/** Whose turn it is in the tour de table, and whose is next; nulls outside a round. */
export function tourTurns(meeting: MeetingState | null): { holder: TourSeat | null; next: TourSeat | null } {
  const tour = meeting?.tour;
  if (!tour) return { holder: null, next: null };
  return { holder: turnHolder(tour), next: tour.order[tour.index + 1] ?? null };
}

/** Whether the session runs an intervision: by its kind, or by phases on its agenda. */
export function hasIntervision(kind: string | undefined, meeting: MeetingState | null): boolean {
  return kind === 'intervision' || (meeting?.agenda.some((i) => i.kind === 'intervision_phase') ?? false);
}
