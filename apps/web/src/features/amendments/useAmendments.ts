import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../../lib/api';
import { emitWithAck, type SessionSocket, useSocketEvent } from '../../lib/socket';
import { useSessionContext } from '../session/sessionContext';
import type { AmendmentDto, AmendmentOutcome } from '@roundtable/protocol/client';

/** `amendment:decide` (facilitator), acknowledged; `unavailable` without a live connection. */
export function decideAmendment(socket: SessionSocket | null, amendmentId: string, outcome: AmendmentOutcome) {
  return emitWithAck(socket, 'amendment:decide', { amendmentId, outcome });
}

export interface Amendments {
  /** null while the first list loads. */
  list: AmendmentDto[] | null;
  error: unknown;
  /** Shows an amendment this client just proposed or decided, without waiting for the event. */
  upsert: (amendment: AmendmentDto) => void;
}

/**
 * The amendments of one recommendation, live: the list over REST, then `amendment:updated`.
 * Fetched again after a reconnection, as events sent meanwhile are lost.
 */
export function useAmendments(recommendationId: string): Amendments {
  const { credentials, socket, live } = useSessionContext();
  const [byId, setById] = useState<ReadonlyMap<string, AmendmentDto>>(new Map());
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // Another draft: start from nothing rather than show the previous one's list.
  const [shownFor, setShownFor] = useState(recommendationId);
  if (shownFor !== recommendationId) {
    setShownFor(recommendationId);
    setById(new Map());
    setLoaded(false);
  }

  const upsert = useCallback(
    (amendment: AmendmentDto) => {
      if (amendment.recommendationId !== recommendationId) return;
      setById((current) => new Map(current).set(amendment.id, amendment));
    },
    [recommendationId],
  );

  useEffect(() => {
    if (!live) return;
    const abort = new AbortController();
    api.getAmendments(credentials.sessionId, credentials.token, recommendationId, abort.signal).then(
      ({ amendments }) => {
        // The list may be older than an event that arrived while it was on its way: keep the
        // more advanced state of each (a decided amendment never goes back to proposed).
        setById((current) => {
          const next = new Map(amendments.map((a) => [a.id, a]));
          for (const [id, a] of current) {
            const listed = next.get(id);
            if (a.recommendationId !== recommendationId) continue;
            if (!listed || (listed.status === 'proposed' && a.status !== 'proposed')) next.set(id, a);
          }
          return next;
        });
        setLoaded(true);
        setError(null);
      },
      (err: unknown) => {
        if (!abort.signal.aborted) setError(err);
      },
    );
    return () => abort.abort();
  }, [credentials.sessionId, credentials.token, recommendationId, live]);

  useSocketEvent(socket, 'amendment:updated', ({ amendment }) => upsert(amendment));

  const list = useMemo(() => (loaded ? [...byId.values()] : null), [byId, loaded]);
  return { list, error, upsert };
}
