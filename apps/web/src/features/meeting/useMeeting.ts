import { useCallback, useEffect, useRef, useState } from 'react';
import { clockOffset } from '@roundtable/domain';
import type { MeetingState } from '@roundtable/protocol/client';
import { emitWithAck, useSocketEvent, type SessionSocket, type SocketStatus } from '../../lib/socket';

/**
 * Round trips timed per connection. The first one on a fresh socket is often the slowest
 * (the server is still setting the connection up), so a few more are taken and the fastest kept.
 */
const CLOCK_SAMPLES = 3;
const CLOCK_SAMPLE_SPACING_MS = 2_000;

export interface Meeting {
  /** The latest state seen (by revision); null until the snapshot or the first answer. */
  state: MeetingState | null;
  /** How far the server clock is ahead of this browser's (add to `Date.now()`). */
  offsetMs: number;
  /** Takes a state from an ack; ignored if older than the one held. */
  accept: (state: MeetingState) => void;
}

/**
 * The session's meeting state (agenda, timer, queue, floor, tour, intervision), kept live:
 * from the REST snapshot, then `meeting:get` on every (re)connection, since broadcasts sent
 * while the link was down are lost, then `meeting:updated`. Broadcasts of several server
 * instances may cross, so a state older (by `revision`) than the one held is dropped.
 *
 * The clock offset comes from the `meeting:get` round trips of the current connection: the
 * fastest one wins (offset = serverNow - midpoint of send and receive). Until one is timed,
 * the snapshot's or a broadcast's `serverNow` gives a first estimate; afterwards broadcasts
 * keep the offset, as their one-way delay is unknown. A new connection may reach another
 * instance, whose clock may differ slightly, so its samples start afresh.
 */
export function useMeeting(
  sessionId: string,
  socket: SessionSocket | null,
  status: SocketStatus,
  snapshotMeeting: MeetingState | undefined,
): Meeting {
  const [state, setState] = useState<MeetingState | null>(null);
  const [offsetMs, setOffsetMs] = useState(0);
  const bestRtt = useRef(Number.POSITIVE_INFINITY);

  const accept = useCallback(
    (next: MeetingState) => {
      if (next.sessionId !== sessionId) return;
      setState((current) => (current && current.revision > next.revision ? current : next));
    },
    [sessionId],
  );

  /** A first estimate, from a message whose travel time is unknown; only until a round trip is timed. */
  const estimate = useCallback((serverNow: number) => {
    if (bestRtt.current === Number.POSITIVE_INFINITY) setOffsetMs(clockOffset(serverNow, Date.now()));
  }, []);

  useEffect(() => {
    if (!snapshotMeeting) return;
    estimate(snapshotMeeting.serverNow);
    accept(snapshotMeeting);
  }, [snapshotMeeting, estimate, accept]);

  useSocketEvent(socket, 'meeting:updated', (next) => {
    if (next.sessionId !== sessionId) return;
    estimate(next.serverNow);
    accept(next);
  });

  useEffect(() => {
    if (!socket || status !== 'connected') return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    bestRtt.current = Number.POSITIVE_INFINITY;

    const sample = async (left: number) => {
      const sent = Date.now();
      const res = await emitWithAck(socket, 'meeting:get', {});
      const received = Date.now();
      if (cancelled || !res.ok) return;
      const rtt = received - sent;
      if (rtt < bestRtt.current) {
        bestRtt.current = rtt;
        setOffsetMs(clockOffset(res.state.serverNow, received, rtt));
      }
      accept(res.state);
      if (left > 1) timer = setTimeout(() => void sample(left - 1), CLOCK_SAMPLE_SPACING_MS);
    };
    void sample(CLOCK_SAMPLES);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [socket, status, accept]);

  return { state, offsetMs, accept };
}
