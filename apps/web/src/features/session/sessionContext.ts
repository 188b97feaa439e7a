import { useOutletContext } from 'react-router';
import type { RecommendationDto, Role, SessionSnapshot, VoteUpdated } from '@roundtable/protocol';
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
  /** The session's socket, for acknowledged actions (votes); null before it is created. */
  socket: SessionSocket | null;
}

export function useSessionContext(): SessionContext {
  return useOutletContext<SessionContext>();
}
