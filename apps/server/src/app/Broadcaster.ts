import {
  participantRoom,
  sessionAudienceRoom,
  sessionRoom,
  type AmendmentDto,
  type MeetingState,
  type PresenceChanged,
  type PresenceSnapshot,
  type RecommendationDto,
  type VoteUpdated,
} from '@roundtable/protocol';
import type { RoundtableIo } from '../realtime/socketServer.js';
import type { VoteEvents } from '../votes/VoteService.js';
import type { FacilitationEvents } from '../facilitation/FacilitationService.js';
import type { SessionEvents } from '../http/deps.js';
import type { PeopleEvents } from '../people/PeopleService.js';
import type { AmendmentEvents } from '../amendments/AmendmentService.js';
import type { QuestionEvents, QuestionsBroadcast } from '../questions/QuestionService.js';

/** `participantIds` undefined: everyone in the session (deleted). */
export type RevokedListener = (sessionId: string, participantIds?: readonly string[]) => void;

/**
 * The one place that emits meeting, vote, recommendation and presence events to
 * rooms, and tells the other instances of a meeting change. Built first, before the
 * services, which get it in their constructors.
 */
export class Broadcaster
  implements SessionEvents, VoteEvents, FacilitationEvents, PeopleEvents, AmendmentEvents, QuestionEvents
{
  private readonly revokedListeners: RevokedListener[] = [];

  constructor(
    private readonly io: RoundtableIo,
    /** True when an adapter links several instances (otherwise nobody to tell). */
    private readonly crossInstance: boolean,
  ) {}

  recommendationCreated(sessionId: string, recommendation: RecommendationDto): void {
    this.io.to(sessionRoom(sessionId)).emit('recommendation:created', { recommendation });
  }

  recommendationUpdated(sessionId: string, recommendation: RecommendationDto): void {
    this.io.to(sessionRoom(sessionId)).emit('recommendation:updated', { recommendation });
  }

  /** Amendments carry no tally or secret: everyone in the session sees the same. */
  amendmentUpdated(sessionId: string, amendment: AmendmentDto): void {
    this.io.to(sessionRoom(sessionId)).emit('amendment:updated', { amendment });
  }

  meetingUpdated(sessionId: string, forFacilitators: MeetingState, forOthers: MeetingState): void {
    this.io.to(sessionAudienceRoom(sessionId, 'facilitators')).emit('meeting:updated', forFacilitators);
    this.io.to(sessionAudienceRoom(sessionId, 'others')).emit('meeting:updated', forOthers);
  }

  voteUpdated(sessionId: string, forFacilitators: VoteUpdated, forOthers: VoteUpdated): void {
    this.io.to(sessionAudienceRoom(sessionId, 'facilitators')).emit('vote:updated', forFacilitators);
    this.io.to(sessionAudienceRoom(sessionId, 'others')).emit('vote:updated', forOthers);
  }

  /**
   * Questions: one emit per audience room, and one per person whose view is their own (to
   * their participant room, i.e. all their devices on every instance), which the two room
   * emits leave out (`except`), so nobody gets two views of one change. Each emit is one
   * publish through the Redis adapter: 2 + the number of personal views, whatever the
   * number of people in the room.
   */
  questionsUpdated(sessionId: string, { facilitators, others, personal }: QuestionsBroadcast): void {
    const personalRooms = personal.map((p) => participantRoom(sessionId, p.participantId));
    this.io
      .to(sessionAudienceRoom(sessionId, 'facilitators'))
      .except(personalRooms)
      .emit('questions:updated', facilitators);
    this.io.to(sessionAudienceRoom(sessionId, 'others')).except(personalRooms).emit('questions:updated', others);
    for (const p of personal) this.io.to(participantRoom(sessionId, p.participantId)).emit('questions:updated', p.view);
  }

  /**
   * A presence delta, to this instance's members of the session only: each instance numbers
   * the deltas of its own connections (PresenceKeeper), and learns of the others' changes
   * through {@link presenceTouched}, not through their deltas.
   */
  presenceChanged(change: PresenceChanged, except: readonly string[]): void {
    this.io.local
      .to(sessionRoom(change.sessionId))
      .except([...except])
      .emit('presence:changed', change);
  }

  /**
   * The whole list to these sockets of this instance (each socket is in the room of its
   * own id): socket.io encodes a broadcast once for all of them.
   */
  presenceListed(snapshot: PresenceSnapshot, socketIds: readonly string[]): void {
    this.io.local.to([...socketIds]).emit('presence:updated', snapshot);
  }

  /** Tells the other instances to re-read a session's presence (this one changed it). */
  presenceTouched(sessionId: string): void {
    if (this.crossInstance) this.io.serverSideEmit('presence:touched', sessionId);
  }

  /** Calls `listener` when another instance changed a session's presence. */
  onPresenceTouched(listener: (sessionId: string) => void): void {
    this.io.on('presence:touched', (sessionId: unknown) => {
      // Sent by another process: check before trusting the type.
      if (typeof sessionId === 'string') listener(sessionId);
    });
  }

  announceChange(sessionId: string): void {
    // With one instance (no adapter across processes) there is nobody to tell.
    if (this.crossInstance) this.io.serverSideEmit('meeting:changed', sessionId);
  }

  /** Calls `listener` when another instance announced a change of a session's meeting. */
  onMeetingChanged(listener: (sessionId: string) => void): void {
    this.io.on('meeting:changed', (sessionId: unknown) => {
      // Sent by another process: check before trusting the type.
      if (typeof sessionId === 'string') listener(sessionId);
    });
  }

  /**
   * Removed people: their socket.io connections are disconnected on every instance (the
   * adapter carries disconnectSockets), their Yjs connections closed here and, through
   * serverSideEmit, on the others.
   */
  participantsRemoved(sessionId: string, participantIds: readonly string[]): void {
    for (const id of participantIds) this.io.in(participantRoom(sessionId, id)).disconnectSockets(true);
    this.revoke(sessionId, participantIds);
  }

  /** A deleted session: every connection of it, on every instance, is closed. */
  sessionDeleted(sessionId: string): void {
    this.io.in(sessionRoom(sessionId)).disconnectSockets(true);
    this.revoke(sessionId, undefined);
  }

  /** Calls `listener` for removals announced here or by another instance. */
  onRevoked(listener: RevokedListener): void {
    this.revokedListeners.push(listener);
    this.io.on('people:revoked', (sessionId: unknown, ids: unknown) => {
      // Sent by another process: check before trusting the types.
      if (typeof sessionId !== 'string') return;
      if (ids === null) listener(sessionId, undefined);
      else if (Array.isArray(ids) && ids.every((id) => typeof id === 'string')) listener(sessionId, ids);
    });
  }

  private revoke(sessionId: string, participantIds: readonly string[] | undefined): void {
    for (const listener of this.revokedListeners) listener(sessionId, participantIds);
    if (this.crossInstance)
      this.io.serverSideEmit('people:revoked', sessionId, participantIds ? [...participantIds] : null);
  }
}
