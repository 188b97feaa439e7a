import { useCallback, useEffect, useRef, useState } from 'react';
import type { PresenceParticipant, RecommendationDto, SessionSnapshot } from '@roundtable/protocol';
import { api } from '../../lib/api';
import type { SessionCredentials } from '../../lib/credentials';
import { useSessionSocket, useSocketEvent, type SocketStatus } from '../../lib/socket';

/** Union by id; `incoming` wins, as it is the newer word on a recommendation. */
function mergeRecommendations(current: RecommendationDto[], incoming: RecommendationDto[]): RecommendationDto[] {
  const byId = new Map(current.map((r) => [r.id, r]));
  for (const r of incoming) byId.set(r.id, r);
  return [...byId.values()];
}

export interface SessionData {
  snapshot: SessionSnapshot | null;
  recommendations: RecommendationDto[] | null;
  presence: PresenceParticipant[] | null;
  socketStatus: SocketStatus;
  /** The last failed snapshot load, if the snapshot is not (re)loaded yet. */
  error: unknown;
  reload: () => void;
  addRecommendation: (recommendation: RecommendationDto) => void;
}

/**
 * Everything the session page shows, kept live: the snapshot over REST, then presence and new
 * recommendations over the session's one socket.io connection. After a reconnection the
 * snapshot is fetched again, as events sent meanwhile are lost.
 */
export function useSessionData({ sessionId, token }: SessionCredentials): SessionData {
  const { socket, status } = useSessionSocket(token);
  const [snapshot, setSnapshot] = useState<SessionSnapshot | null>(null);
  const [recommendations, setRecommendations] = useState<RecommendationDto[]>([]);
  const [presence, setPresence] = useState<PresenceParticipant[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loads, setLoads] = useState(0);
  const reload = useCallback(() => setLoads((n) => n + 1), []);

  // Bumped by every presence event, so a slower GET answer cannot overwrite a newer event.
  const presenceVersion = useRef(0);
  const wasConnected = useRef(false);
  const failed = useRef(false);

  useEffect(() => {
    const abort = new AbortController();
    api.getSession(sessionId, token, abort.signal).then(
      (snap) => {
        failed.current = false;
        setSnapshot(snap);
        setRecommendations((current) => mergeRecommendations(current, snap.recommendations));
        setError(null);
      },
      (err: unknown) => {
        if (abort.signal.aborted) return;
        failed.current = true;
        setError(err);
      },
    );
    return () => abort.abort();
  }, [sessionId, token, loads]);

  useEffect(() => {
    if (status !== 'connected') return;
    if (wasConnected.current || failed.current) reload();
    wasConnected.current = true;

    const abort = new AbortController();
    const version = presenceVersion.current;
    api.getPresence(sessionId, token, abort.signal).then(
      ({ participants }) => {
        if (presenceVersion.current === version) setPresence(participants);
      },
      () => {
        // Not fatal: the server sends `presence:updated` whenever someone comes or goes.
      },
    );
    return () => abort.abort();
  }, [status, sessionId, token, reload]);

  useSocketEvent(socket, 'presence:updated', (payload) => {
    if (payload.sessionId !== sessionId) return;
    presenceVersion.current++;
    setPresence(payload.participants);
  });

  const addRecommendation = useCallback((recommendation: RecommendationDto) => {
    setRecommendations((current) => mergeRecommendations(current, [recommendation]));
  }, []);
  useSocketEvent(socket, 'recommendation:created', ({ recommendation }) => addRecommendation(recommendation));

  return {
    snapshot,
    recommendations: snapshot ? recommendations : null,
    presence,
    socketStatus: status,
    error: snapshot ? null : error,
    reload,
    addRecommendation,
  };
}
