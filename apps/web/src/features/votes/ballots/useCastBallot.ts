import { useState } from 'react';
import type { BallotByMethod, VoteDto, VoteMethod } from '@roundtable/protocol/client';
import { emitWithAck } from '../../../lib/socket';
import { useSessionContext } from '../../session/sessionContext';
import { loadRecordedBallot, saveRecordedBallot } from '../recordedBallots';
import { ackError } from '../voteErrors';

export interface CastBallot<M extends VoteMethod> {
  /** The last ballot the server acknowledged from this person (on this tab), if any. */
  recorded: BallotByMethod[M] | null;
  busy: boolean;
  /** The refusal of the last cast, translated by ErrorAlert. */
  error: unknown;
  cast: (ballot: BallotByMethod[M]) => Promise<void>;
}

/**
 * Sends a ballot with `vote:cast` and remembers it once acknowledged: the server acks only
 * after the ballot is durably stored, so "recorded" is never shown for a ballot that could be lost.
 */
export function useCastBallot<M extends VoteMethod>(vote: VoteDto, method: M): CastBallot<M> {
  const { socket, credentials } = useSessionContext();
  const participantId = credentials.participant.id;
  const [recorded, setRecorded] = useState(() => loadRecordedBallot(participantId, vote.id, method));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function cast(ballot: BallotByMethod[M]) {
    if (busy) return;
    setBusy(true);
    setError(null);
    const res = await emitWithAck(socket, 'vote:cast', { voteId: vote.id, ballot });
    setBusy(false);
    if (res.ok) {
      saveRecordedBallot(participantId, vote.id, ballot);
      setRecorded(ballot);
    } else {
      setError(ackError(res.error));
    }
  }

  return { recorded, busy, error, cast };
}

/** Whether two ballots say the same (key order aside), to tell a changed choice from the recorded one. */
export function sameBallot(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .sort(([x], [y]) => x.localeCompare(y))
            .map(([k, val]) => [k, canonical(val)]),
        )
      : v;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
