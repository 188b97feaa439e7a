import { z } from 'zod';
import type { Role } from './enums.js';
import type { PresenceParticipant, RecommendationDto } from './http.js';
import { FACILITATION_EVENTS, MeetingState, type FacilitationEvent, type FacilitationSender } from './facilitation.js';
import {
  RecommendationDecidePayload,
  VoteCastPayload,
  VoteClosePayload,
  VoteOpenPayload,
  VoteRoomCountsPayload,
  type Tally,
  type VoteDto,
  type VoteUpdated,
} from './votes.js';
import { TranslationConfirmPayload, type LanguageVersion } from './versions.js';
import { AmendmentDecidePayload, type AmendmentDto } from './amendments.js';
import {
  QuestionAskPayload,
  QuestionModeratePayload,
  QuestionProjectPayload,
  QuestionUpvotePayload,
  type QuestionDto,
  type QuestionsView,
} from './questions.js';

/**
 * A body the server builds itself and never parses back (a DTO from storage): the schema
 * only carries its type. Clients trust the server; the server never trusts clients.
 */
const built = <T>() => z.custom<T>(() => true);

/** Who may send an event, and the `forbidden` message each refused role gets. */
export interface EventSenders {
  readonly roles: readonly Role[];
  readonly refused: Readonly<Partial<Record<Role, string>>>;
}

const ONLY_FACILITATORS = 'only facilitators may do this';
const OBSERVERS_FOLLOW = 'observers follow the meeting; they do not run it';

/** Facilitators (domain permission `manageSession`). */
const FACILITATORS: EventSenders = {
  roles: ['facilitator'],
  refused: { participant: ONLY_FACILITATORS, observer: ONLY_FACILITATORS },
};
/** Facilitators and participants (domain permission `vote`). */
const VOTERS: EventSenders = { roles: ['facilitator', 'participant'], refused: { observer: 'observers do not vote' } };
const EVERYONE: EventSenders = { roles: ['facilitator', 'participant', 'observer'], refused: {} };

/**
 * Observers (remote attendees, screens) may read the meeting, to catch up and to time
 * their clock; nothing else. Who among the others may act on a turn (the speaker, a
 * raised hand) depends on the meeting's state: the service decides that.
 */
const FACILITATION_SENDERS: Record<FacilitationSender, EventSenders> = {
  anyone: EVERYONE,
  facilitator: { roles: ['facilitator'], refused: { participant: ONLY_FACILITATORS, observer: OBSERVERS_FOLLOW } },
  member: { roles: ['facilitator', 'participant'], refused: { observer: OBSERVERS_FOLLOW } },
  facilitator_or_speaker: { roles: ['facilitator', 'participant'], refused: { observer: OBSERVERS_FOLLOW } },
  member_or_facilitator_for_others: { roles: ['facilitator', 'participant'], refused: { observer: OBSERVERS_FOLLOW } },
};

/** One client → server event: what it carries, what its ok ack carries, who may send it. */
export interface ClientEventSpec {
  readonly payload: z.ZodType;
  /** The body of `{ ok: true, ...body }`. */
  readonly ack: z.ZodType<object>;
  readonly senders: EventSenders;
  /** `invalid_request` message; by default the schema's issues. */
  readonly invalidMessage?: string;
  /** A missing (undefined or null) payload counts as `{}`. */
  readonly payloadOptional?: boolean;
}

/** `presence:list` and `meeting:get` carry nothing. */
const NoPayload = z.union([z.undefined(), z.null(), z.strictObject({})]);

/**
 * The whole presence list. Sent to a socket when it connects (and in the ack of
 * `presence:sync`), never to the whole session at each change: changes travel as
 * {@link PresenceChanged}. `revision` (1.1) is the list's revision on the sending instance:
 * the next `presence:changed` this connection receives carries `revision + 1`.
 */
export const PresenceUpdated = z.strictObject({
  sessionId: z.string(),
  participants: z.array(built<PresenceParticipant>()),
  revision: z.number().int().nonnegative().optional(),
});
export type PresenceUpdated = z.infer<typeof PresenceUpdated>;

/** `presence:sync` ack: the list with the revision it is at. */
export const PresenceSnapshot = z.strictObject({
  sessionId: z.string(),
  participants: z.array(built<PresenceParticipant>()),
  revision: z.number().int().nonnegative(),
});
export type PresenceSnapshot = z.infer<typeof PresenceSnapshot>;

/**
 * api-v1 1.1: what changed in a session's presence since the previous revision, coalesced
 * over PRESENCE_CHANGE_WINDOW_MS. `joined` are people who arrived (or whose name or role
 * changed), upserted by id; `left` are ids of people whose last connection closed. A client
 * whose list is at revision r applies only `revision === r + 1`; any other revision means it
 * missed one, and it asks `presence:sync` for the whole list.
 */
export const PresenceChanged = z.strictObject({
  sessionId: z.string(),
  joined: z.array(built<PresenceParticipant>()),
  left: z.array(z.string()),
  revision: z.number().int().positive(),
});
export type PresenceChanged = z.infer<typeof PresenceChanged>;

const RecommendationBody = z.strictObject({ recommendation: built<RecommendationDto>() });
const MeetingAck = z.strictObject({ state: MeetingState });

type FacilitationRows = {
  [E in FacilitationEvent]: {
    payload: (typeof FACILITATION_EVENTS)[E]['payload'];
    ack: typeof MeetingAck;
    senders: EventSenders;
    payloadOptional: true;
  };
};
const facilitationRows = Object.fromEntries(
  Object.entries(FACILITATION_EVENTS).map(([event, spec]) => [
    event,
    { payload: spec.payload, ack: MeetingAck, senders: FACILITATION_SENDERS[spec.sender], payloadOptional: true },
  ]),
) as FacilitationRows;

/**
 * Every event clients emit (socket.io), each acknowledged with `Ack<body>`. The server
 * registers one handler per row: parse the payload, check the sender's role, call the
 * service, acknowledge. A new event is one row here and one service method.
 */
export const CLIENT_EVENTS = {
  'presence:list': {
    payload: NoPayload,
    ack: PresenceUpdated,
    senders: EVERYONE,
    invalidMessage: 'presence:list takes no payload',
  },
  /** api-v1 1.1: the whole list and its revision, for a client that missed a `presence:changed`. */
  'presence:sync': {
    payload: NoPayload,
    ack: PresenceSnapshot,
    senders: EVERYONE,
    invalidMessage: 'presence:sync takes no payload',
  },
  'vote:open': { payload: VoteOpenPayload, ack: z.strictObject({ vote: built<VoteDto>() }), senders: FACILITATORS },
  /** Ok only once the ballot is stored. */
  'vote:cast': {
    payload: VoteCastPayload,
    ack: z.strictObject({}),
    senders: VOTERS,
    invalidMessage: 'vote:cast takes { voteId, ballot }',
  },
  'vote:close': {
    payload: VoteClosePayload,
    ack: z.strictObject({ tally: built<Tally>() }),
    senders: FACILITATORS,
    invalidMessage: 'vote:close takes { voteId }',
  },
  /**
   * api-v1 1.1: hands counted in the room, added to the electronic ballots; refused when room
   * and electronic ballots together would exceed the people present. The ack is the vote as
   * `vote:updated` shows it to the facilitator (an anonymous on_close vote: turnout only).
   */
  'vote:roomCounts': {
    payload: VoteRoomCountsPayload,
    ack: built<VoteUpdated>(),
    senders: FACILITATORS,
  },
  /** After a vote on it closed. */
  'recommendation:decide': { payload: RecommendationDecidePayload, ack: RecommendationBody, senders: FACILITATORS },
  /**
   * api-v1 1.1: someone checked a language version against the others; it is aligned again.
   * The ack carries every version's state after the confirmation.
   */
  'translation:confirm': {
    payload: TranslationConfirmPayload,
    ack: z.strictObject({ versions: z.array(built<LanguageVersion>()) }),
    senders: VOTERS,
    invalidMessage: 'translation:confirm takes { recommendationId, lang }',
  },
  /**
   * api-v1 1.1: the facilitator accepts or rejects a proposed amendment. Accepting applies it
   * to the draft as one Yjs edit; `conflict` when its passage no longer occurs exactly once,
   * or while the draft is frozen (a vote on the recommendation open, or decided).
   */
  'amendment:decide': {
    payload: AmendmentDecidePayload,
    ack: z.strictObject({ amendment: built<AmendmentDto>() }),
    senders: FACILITATORS,
    invalidMessage: 'amendment:decide takes { amendmentId, outcome }',
  },
  /** api-v1.1: any role, observers included; the question starts `pending`. */
  'question:ask': {
    payload: QuestionAskPayload,
    ack: z.strictObject({ question: built<QuestionDto>() }),
    senders: EVERYONE,
    invalidMessage: 'question:ask takes { text: 1..500 characters without control characters, lang? }',
  },
  /** Once per person (all their devices); again withdraws. The ack says which. */
  'question:upvote': {
    payload: QuestionUpvotePayload,
    ack: z.strictObject({ question: built<QuestionDto>(), upvoted: z.boolean() }),
    senders: EVERYONE,
    invalidMessage: 'question:upvote takes { questionId }',
  },
  'question:moderate': {
    payload: QuestionModeratePayload,
    ack: z.strictObject({ question: built<QuestionDto>() }),
    senders: FACILITATORS,
    invalidMessage: 'question:moderate takes { questionId, state: "approved" | "hidden" | "answered" }',
  },
  /** Puts one approved or answered question on the projector; `null` takes it off. */
  'question:project': {
    payload: QuestionProjectPayload,
    ack: z.strictObject({ projected: built<QuestionDto | null>() }),
    senders: FACILITATORS,
    invalidMessage: 'question:project takes { questionId: string | null }',
  },
  ...facilitationRows,
} as const satisfies Record<string, ClientEventSpec>;

export type ClientEventName = keyof typeof CLIENT_EVENTS;
export const CLIENT_EVENT_NAMES = Object.keys(CLIENT_EVENTS) as ClientEventName[];
/** What a client may put in an event (before the server's defaults). */
export type EventPayload<E extends ClientEventName> = z.input<(typeof CLIENT_EVENTS)[E]['payload']>;
/** The payload once parsed, as the service receives it. */
export type ParsedPayload<E extends ClientEventName> = z.output<(typeof CLIENT_EVENTS)[E]['payload']>;
/** The body of an ok ack. */
export type AckBody<E extends ClientEventName> = z.infer<(typeof CLIENT_EVENTS)[E]['ack']>;

/** Every event the server emits, with its payload. */
export const SERVER_EVENTS = {
  /** To one socket: on connect. */
  'presence:updated': PresenceUpdated,
  /** api-v1 1.1: joins and leaves, coalesced, to every member (see PresenceChanged). */
  'presence:changed': PresenceChanged,
  /** After every facilitation change, to each member, shaped for their role. */
  'meeting:updated': MeetingState,
  'recommendation:created': RecommendationBody,
  /** A recommendation's status changed (voting, adopted, rejected, to_amend). */
  'recommendation:updated': RecommendationBody,
  /** A vote opened, changed turnout, or closed. Tally only where the receiver may see it. */
  'vote:updated': built<VoteUpdated>(),
  /** api-v1 1.1: an amendment was proposed, put to a vote, decided, or went stale. */
  'amendment:updated': z.strictObject({ amendment: built<AmendmentDto>() }),
  /** After every change of a session's questions, to each audience its view (questions.ts). */
  'questions:updated': built<QuestionsView>(),
} as const satisfies Record<string, z.ZodType>;
export type ServerEventName = keyof typeof SERVER_EVENTS;
