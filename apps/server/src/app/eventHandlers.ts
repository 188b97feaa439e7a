import type { Logger } from 'pino';
import {
  FACILITATION_EVENT_NAMES,
  type FacilitationEvent,
  type MeetingState,
  type ParsedPayload,
  type SocketData,
} from '@roundtable/protocol';
import { AppError } from '../errors.js';
import type { FacilitationService } from '../facilitation/FacilitationService.js';
import type { PresenceKeeper } from '../presence/PresenceKeeper.js';
import type { QuestionService } from '../questions/QuestionService.js';
import type { EventHandlers } from '../realtime/clientEvents.js';
import type { VersionService } from '../versions/VersionService.js';
import type { AmendmentService } from '../amendments/AmendmentService.js';
import type { RoomCountService } from '../votes/RoomCountService.js';
import type { VoteService } from '../votes/VoteService.js';
import { toVoteDto } from '../votes/voteView.js';

export interface EventServices {
  votes: VoteService;
  roomCounts: RoomCountService;
  versions: VersionService;
  amendments: AmendmentService;
  facilitation: FacilitationService;
  presence: PresenceKeeper;
  questions: QuestionService;
}

/** The service method behind every client event (CLIENT_EVENTS); payloads arrive parsed. */
export function createEventHandlers(
  { votes, roomCounts, versions, amendments, facilitation, presence, questions }: EventServices,
  log: Logger,
): EventHandlers {
  // One entry per facilitation event; fromEntries loses the pairing of names and types.
  const facilitationHandlers = Object.fromEntries(
    FACILITATION_EVENT_NAMES.map((event) => [event, facilitationHandler(facilitation, event)]),
  ) as Pick<EventHandlers, FacilitationEvent>;
  return {
    'presence:list': async ({ sessionId }) => {
      try {
        return { sessionId, participants: await presence.list(sessionId) };
      } catch (err) {
        // Redis went away mid-read: refuse in the ack; unhandled, it would end the process
        // (found by test/faults.test.ts, Redis restart).
        log.warn({ err }, 'presence list failed');
        throw new AppError('unavailable', 'presence is unavailable; try again');
      }
    },
    'presence:sync': async ({ sessionId }) => {
      try {
        return await presence.snapshot(sessionId);
      } catch (err) {
        log.warn({ err }, 'presence sync failed');
        throw new AppError('unavailable', 'presence is unavailable; try again');
      }
    },
    'vote:open': async (actor, payload) => ({ vote: toVoteDto(await votes.open(actor, payload)) }),
    'vote:cast': async (actor, payload) => {
      await votes.cast(actor, payload);
      return {};
    },
    'vote:close': async (actor, payload) => ({ tally: await votes.close(actor, payload) }),
    'vote:roomCounts': (actor, payload) => roomCounts.enter(actor, payload),
    'recommendation:decide': async (actor, payload) => ({ recommendation: await votes.decide(actor, payload) }),
    'translation:confirm': async (actor, payload) => ({ versions: await versions.confirm(actor, payload) }),
    'amendment:decide': async (actor, payload) => ({ amendment: await amendments.decide(actor, payload) }),
    'question:ask': async (actor, payload) => ({ question: await questions.ask(actor, payload) }),
    'question:upvote': (actor, payload) => questions.upvote(actor, payload),
    'question:moderate': async (actor, payload) => ({ question: await questions.moderate(actor, payload) }),
    'question:project': async (actor, payload) => ({ projected: await questions.project(actor, payload) }),
    ...facilitationHandlers,
  };
}

function facilitationHandler<E extends FacilitationEvent>(
  facilitation: FacilitationService,
  event: E,
): (actor: SocketData, payload: ParsedPayload<E>) => Promise<{ state: MeetingState }> {
  return async (actor, payload) => ({ state: await facilitation.handle(actor, event, payload) });
}
