import {
  sessionAudienceRoom,
  sessionRoom,
  type MeetingState,
  type PresenceParticipant,
  type RecommendationDto,
  type VoteUpdated,
} from '@roundtable/protocol';
import type { RoundtableIo } from '../realtime/socketServer.js';
import type { VoteEvents } from '../votes/VoteService.js';
import type { FacilitationEvents } from '../facilitation/FacilitationService.js';
import type { SessionEvents } from '../http/deps.js';

/**
 * The one place that emits meeting, vote, recommendation and presence events to
 * rooms, and tells the other instances of a meeting change. Built first, before the
 * services, which get it in their constructors.
 */
export class Broadcaster implements SessionEvents, VoteEvents, FacilitationEvents {
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

  meetingUpdated(sessionId: string, forFacilitators: MeetingState, forOthers: MeetingState): void {
    this.io.to(sessionAudienceRoom(sessionId, 'facilitators')).emit('meeting:updated', forFacilitators);
    this.io.to(sessionAudienceRoom(sessionId, 'others')).emit('meeting:updated', forOthers);
  }

  voteUpdated(sessionId: string, forFacilitators: VoteUpdated, forOthers: VoteUpdated): void {
    this.io.to(sessionAudienceRoom(sessionId, 'facilitators')).emit('vote:updated', forFacilitators);
    this.io.to(sessionAudienceRoom(sessionId, 'others')).emit('vote:updated', forOthers);
  }

  /** Sends a session's presence to all its members, on every instance. */
  presenceUpdated(sessionId: string, participants: PresenceParticipant[]): void {
    this.io.to(sessionRoom(sessionId)).emit('presence:updated', { sessionId, participants });
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
}
