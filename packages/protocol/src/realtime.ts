import type { z } from 'zod';
import type { AckBody, ClientEventName, EventPayload, SERVER_EVENTS, ServerEventName } from './events.js';
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

/**
 * Socket.io room of one participant's connections, so removing them reaches every instance
 * through the adapter (`disconnectSockets`).
 */
export const participantRoom = (sessionId: string, participantId: string) => `session:${sessionId}:p:${participantId}`;

export type Ack<T extends object = object> =
  | ({ ok: true } & T)
  | { ok: false; error: { code: ErrorCode; message: string } };

/** Events clients emit (socket.io), from CLIENT_EVENTS. Every payload is parsed with zod on arrival. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: EventPayload<E>, ack: (res: Ack<AckBody<E>>) => void) => void;
};

/** Events the server emits (socket.io), from SERVER_EVENTS. */
export type ServerToClientEvents = {
  [E in ServerEventName]: (payload: z.infer<(typeof SERVER_EVENTS)[E]>) => void;
};

/** What the server keeps on each socket after checking its token. */
export interface SocketData {
  sessionId: string;
  participantId: string;
  role: Role;
  name: string;
  /** Stakeholder group given at join, for per-group tallies. */
  group: VoterGroup;
}
