import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PresenceParticipant, RecommendationDto, SessionSnapshot, VoteUpdated } from '@roundtable/protocol/client';
import { api } from '../../lib/api';
import type { SessionCredentials } from '../../lib/credentials';
import { useSessionSocket, useSocketEvent, type SessionSocket, type SocketStatus } from '../../lib/socket';
import { useMeeting, type Meeting } from '../meeting/useMeeting';
import { usePresence } from './usePresence';

/**
 * Merges a snapshot's list into the live one, by id. An item that an event changed after the
 * snapshot was requested keeps the event's version (the snapshot may have been read before
 * that change); every other item takes the snapshot's.
 */
function mergeSnapshot<T>(
  current: ReadonlyMap<string, T>,
  incoming: readonly T[],
  idOf: (item: T) => string,
  changedSince: (id: string) => boolean,
): Map<string, T> {
  const merged = new Map(current);
  for (const item of incoming) {
    const id = idOf(item);
    if (!merged.has(id) || !changedSince(id)) merged.set(id, item);
  }
  return merged;
}

/** Remembers, per id, the generation of the last live event about it. */
class EventGenerations {
  private generation = 0;
  private readonly last = new Map<string, number>();
  /** Call when a request for the snapshot starts; pass the result to `changedSince`. */
  mark(): number {
    return this.generation;
  }
  touch(id: string): void {
    this.last.set(id, ++this.generation);
  }
  changedSince(mark: number, id: string): boolean {
    return (this.last.get(id) ?? 0) > mark;
  }
}

export interface SessionData {
  snapshot: SessionSnapshot | null;
  recommendations: RecommendationDto[] | null;
  /** Open and closed votes, as this person may see them; null until the first snapshot. */
  votes: VoteUpdated[] | null;
  presence: PresenceParticipant[] | null;
  /** Agenda, timer, queue, floor, tour and intervision, live, with the server clock offset. */
  meeting: Meeting;
  socket: SessionSocket | null;
  socketStatus: SocketStatus;
  /** The last failed snapshot load, if the snapshot is not (re)loaded yet. */
  error: unknown;
  reload: () => void;
  /** Adds or updates a recommendation this client just created or changed, without waiting for the event. */
  addRecommendation: (recommendation: RecommendationDto) => void;
  /** Adds a vote this client just opened, if no broadcast brought it yet. */
  upsertVote: (update: VoteUpdated) => void;
}

/**
 * Everything the session page shows, kept live: the snapshot over REST, then presence,
 * recommendations (new ones and status changes), votes and the meeting state over the
 * session's one socket.io connection. After a reconnection the snapshot is fetched again
 * (and the meeting state asked for), as events sent meanwhile are lost.
 */
export function useSessionData({ sessionId, token }: SessionCredentials): SessionData {
  const { socket, status } = useSessionSocket(token);
  const [snapshot, setSnapshot] = useState<SessionSnapshot | null>(null);
  const [recommendations, setRecommendations] = useState<ReadonlyMap<string, RecommendationDto>>(new Map());
  const [votes, setVotes] = useState<ReadonlyMap<string, VoteUpdated>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const [loads, setLoads] = useState(0);
  const reload = useCallback(() => setLoads((n) => n + 1), []);

  const recommendationEvents = useRef(new EventGenerations());
  const voteEvents = useRef(new EventGenerations());
  const wasConnected = useRef(false);
  const failed = useRef(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads is the trigger: reload() bumps it to fetch the snapshot again
  useEffect(() => {
    const abort = new AbortController();
    const recMark = recommendationEvents.current.mark();
    const voteMark = voteEvents.current.mark();
    api.getSession(sessionId, token, abort.signal).then(
      (snap) => {
        failed.current = false;
        setSnapshot(snap);
        setRecommendations((current) =>
          mergeSnapshot(
            current,
            snap.recommendations,
            (r) => r.id,
            (id) => recommendationEvents.current.changedSince(recMark, id),
          ),
        );
        setVotes((current) =>
          mergeSnapshot(
            current,
            snap.votes,
            (v) => v.vote.id,
            (id) => voteEvents.current.changedSince(voteMark, id),
          ),
        );
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
  }, [status, reload]);

  const presence = usePresence(sessionId, token, socket, status);

  const addRecommendation = useCallback((recommendation: RecommendationDto) => {
    recommendationEvents.current.touch(recommendation.id);
    setRecommendations((current) => new Map(current).set(recommendation.id, recommendation));
  }, []);
  useSocketEvent(socket, 'recommendation:created', ({ recommendation }) => addRecommendation(recommendation));
  useSocketEvent(socket, 'recommendation:updated', ({ recommendation }) => addRecommendation(recommendation));

  useSocketEvent(socket, 'vote:updated', (update) => {
    if (update.vote.sessionId !== sessionId) return;
    voteEvents.current.touch(update.vote.id);
    setVotes((current) => {
      // A vote never reopens: an "open" view computed before the close may arrive after it.
      if (current.get(update.vote.id)?.vote.status === 'closed' && update.vote.status === 'open') return current;
      return new Map(current).set(update.vote.id, update);
    });
  });

  const upsertVote = useCallback((update: VoteUpdated) => {
    // Only fills a gap: the broadcast that follows (or preceded) an ack is the fuller view.
    setVotes((current) => (current.has(update.vote.id) ? current : new Map(current).set(update.vote.id, update)));
  }, []);

  const meeting = useMeeting(sessionId, socket, status, snapshot?.meeting);

  const recommendationList = useMemo(() => [...recommendations.values()], [recommendations]);
  const voteList = useMemo(() => [...votes.values()], [votes]);

  return {
    snapshot,
    recommendations: snapshot ? recommendationList : null,
    votes: snapshot ? voteList : null,
    presence,
    meeting,
    socket,
    socketStatus: status,
    error: snapshot ? null : error,
    reload,
    addRecommendation,
    upsertVote,
  };
}
