import { useCallback, useEffect, useRef, useState } from 'react';
import { voteRecommendationIds } from '@roundtable/domain';
import { api } from '../../lib/api';
import { useSocketEvent } from '../../lib/socket';
import { useSessionContext } from '../session/sessionContext';
import type { HistoryResponse } from '@roundtable/protocol/client';

/** Several events in a row (a vote opening freezes, updates the recommendation) give one reload. */
const RELOAD_DELAY_MS = 300;

/**
 * The versions of one recommendation's draft, while `enabled`. There is no history event: the
 * list is reloaded when something that keeps a version happens (a vote about it opens, it is
 * decided, an amendment is accepted), and after this client saves or restores one.
 */
export function useHistory(recommendationId: string, enabled: boolean) {
  const { credentials, socket, live } = useSessionContext();
  const [history, setHistory] = useState<HistoryResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loads, setLoads] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const reload = useCallback(() => setLoads((n) => n + 1), []);
  const reloadSoon = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(reload, RELOAD_DELAY_MS);
  }, [reload]);
  useEffect(() => () => clearTimeout(timer.current), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads is the trigger of reload()
  useEffect(() => {
    if (!enabled || !live) return;
    const abort = new AbortController();
    api.getHistory(credentials.sessionId, credentials.token, recommendationId, abort.signal).then(
      (h) => {
        setHistory(h);
        setError(null);
      },
      (err: unknown) => {
        if (!abort.signal.aborted) setError(err);
      },
    );
    return () => abort.abort();
  }, [enabled, live, credentials.sessionId, credentials.token, recommendationId, loads]);

  useSocketEvent(socket, 'recommendation:updated', ({ recommendation }) => {
    if (enabled && recommendation.id === recommendationId) reloadSoon();
  });
  useSocketEvent(socket, 'vote:updated', ({ vote }) => {
    if (enabled && vote.status === 'open' && voteRecommendationIds(vote).includes(recommendationId)) reloadSoon();
  });
  useSocketEvent(socket, 'amendment:updated', ({ amendment }) => {
    if (enabled && amendment.recommendationId === recommendationId && amendment.status === 'accepted') reloadSoon();
  });

  return { history, error, reload };
}
