import type { PresenceParticipant, RecommendationDto } from './http.js';
import type { Tally, VoteDto, VoteUpdated } from './votes.js';
import type { FacilitationClientToServerEvents, FacilitationServerToClientEvents } from './facilitation.js';
import type { ErrorCode } from './codes.js';
import type { Role } from './enums.js';
import type { VoterGroup } from './votes.js';

/** Bumped on any breaking change of the wire contract. */
export const PROTOCOL_VERSION = 1;

/** Socket.io room of one session; every member joins it. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/**
 * Rooms splitting a session by what its members may see: facilitators get full
 * tallies (with reasons, before close); everyone else what the vote allows.
 */
export const sessionAudienceRoom = (sessionId: string, audience: 'facilitators' | 'others') =>
  `session:${sessionId}:${audience}`;

export interface PresenceUpdated {
  sessionId: string;
  participants: PresenceParticipant[];
}

export type Ack<T extends object = object> =
  | ({ ok: true } & T)
  | { ok: false; error: { code: ErrorCode; message: string } };

/** Events the server emits (socket.io). */
export interface ServerToClientEvents extends FacilitationServerToClientEvents {
  'presence:updated': (payload: PresenceUpdated) => void;
  'recommendation:created': (payload: { recommendation: RecommendationDto }) => void;
  /** A recommendation's status changed (voting, adopted, rejected, to_amend). */
  'recommendation:updated': (payload: { recommendation: RecommendationDto }) => void;
  /** A vote opened, changed turnout, or closed. Tally only where the receiver may see it. */
  'vote:updated': (payload: VoteUpdated) => void;
}

/** Events clients emit (socket.io). Every payload is parsed with zod on arrival. */
export interface ClientToServerEvents extends FacilitationClientToServerEvents {
  'presence:list': (payload: unknown, ack: (res: Ack<PresenceUpdated>) => void) => void;
  /** Facilitator: payload VoteOpenPayload. */
  'vote:open': (payload: unknown, ack: (res: Ack<{ vote: VoteDto }>) => void) => void;
  /** Facilitator or participant: payload VoteCastPayload; ok only once the ballot is stored. */
  'vote:cast': (payload: unknown, ack: (res: Ack) => void) => void;
  /** Facilitator: payload VoteClosePayload. */
  'vote:close': (payload: unknown, ack: (res: Ack<{ tally: Tally }>) => void) => void;
  /** Facilitator, after a vote on it closed: payload RecommendationDecidePayload. */
  'recommendation:decide': (payload: unknown, ack: (res: Ack<{ recommendation: RecommendationDto }>) => void) => void;
}

/** What the server keeps on each socket after checking its token. */
export interface SocketData {
  sessionId: string;
  participantId: string;
  role: Role;
  name: string;
  /** Stakeholder group given at join, for per-group tallies. */
  group: VoterGroup;
}
