import type { PresenceParticipant, RecommendationDto } from './http.js';
import type { ErrorCode } from './codes.js';
import type { Role } from './enums.js';

/** Bumped on any breaking change of the wire contract. */
export const PROTOCOL_VERSION = 1;

/** Socket.io room of one session; every member joins it. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

export interface PresenceUpdated {
  sessionId: string;
  participants: PresenceParticipant[];
}

export type Ack<T extends object = object> =
  | ({ ok: true } & T)
  | { ok: false; error: { code: ErrorCode; message: string } };

/** Events the server emits (socket.io). */
export interface ServerToClientEvents {
  'presence:updated': (payload: PresenceUpdated) => void;
  'recommendation:created': (payload: { recommendation: RecommendationDto }) => void;
}

/** Events clients emit (socket.io). Every payload is parsed with zod on arrival. */
export interface ClientToServerEvents {
  'presence:list': (payload: unknown, ack: (res: Ack<PresenceUpdated>) => void) => void;
}

/** What the server keeps on each socket after checking its token. */
export interface SocketData {
  sessionId: string;
  participantId: string;
  role: Role;
  name: string;
}
