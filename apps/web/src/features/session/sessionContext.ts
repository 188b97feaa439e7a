import { createContext, useContext } from 'react';
import type {
  MeetingState,
  PresenceParticipant,
  RecommendationDto,
  Role,
  SessionSnapshot,
  VoteUpdated,
} from '@roundtable/protocol/client';
import type { SessionCredentials } from '../../lib/credentials';
import type { SessionSocket } from '../../lib/socket';

/** What the session layout hands to its pages (overview, draft). */
export interface SessionContext {
  credentials: SessionCredentials;
  /** The caller's role: the server's word once the snapshot is in, the join answer until then. */
  role: Role;
  /** null until the first snapshot arrives. */
  snapshot: SessionSnapshot | null;
  /**
   * Live list (snapshot + `recommendation:created` / `recommendation:updated`, so statuses
   * follow votes and decisions); null until the first snapshot arrives.
   */
  recommendations: RecommendationDto[] | null;
  /** Adds or updates a recommendation this client just created or changed, without waiting for the event. */
  addRecommendation: (recommendation: RecommendationDto) => void;
  /** Live votes (snapshot + `vote:updated`); null until the first snapshot arrives. */
  votes: VoteUpdated[] | null;
  /** Adds a vote this client just opened, if no broadcast brought it yet. */
  upsertVote: (update: VoteUpdated) => void;
  /** The session's socket, for acknowledged actions (votes, meeting); null before it is created. */
  socket: SessionSocket | null;
  /**
   * Whether live updates arrive now (socket.io connected). socket.io's heartbeat turns a
   * silent link into a disconnection within `SOCKET_PING_INTERVAL_MS + SOCKET_PING_TIMEOUT_MS`.
   * While false, the meeting state and the lists may be stale.
   */
  live: boolean;
  /** Who is connected now; null until the first list arrives. */
  presence: PresenceParticipant[] | null;
  /** Agenda, timer, queue, floor, tour, intervision (speaking time for facilitators); null while loading. */
  meeting: MeetingState | null;
  /** How far the server clock is ahead of this browser's, in ms. */
  clockOffsetMs: number;
  /** Shows a state a command's ack returned (dropped if older than the one held). */
  acceptMeeting: (state: MeetingState) => void;
}

/**
 * Provided by the session layout around its pages and its side column (speaking queue,
 * meeting summary), which live outside the route Outlet so they stay on every page.
 */
export const SessionContextValue = createContext<SessionContext | null>(null);

export function useSessionContext(): SessionContext {
  const context = useContext(SessionContextValue);
  if (!context) throw new Error('useSessionContext outside a joined session');
  return context;
}
