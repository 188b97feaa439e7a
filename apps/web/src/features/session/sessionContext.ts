import { useOutletContext } from 'react-router';
import type { RecommendationDto, Role, SessionSnapshot } from '@roundtable/protocol';
import type { SessionCredentials } from '../../lib/credentials';

/** What the session layout hands to its pages (overview, draft). */
export interface SessionContext {
  credentials: SessionCredentials;
  /** The caller's role: the server's word once the snapshot is in, the join answer until then. */
  role: Role;
  /** null until the first snapshot arrives. */
  snapshot: SessionSnapshot | null;
  /** Live list (snapshot + `recommendation:created`); null until the first snapshot arrives. */
  recommendations: RecommendationDto[] | null;
  /** Adds a recommendation this client just created, without waiting for the event. */
  addRecommendation: (recommendation: RecommendationDto) => void;
}

export function useSessionContext(): SessionContext {
  return useOutletContext<SessionContext>();
}
