import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AmendmentDto, AmendmentOutcome, ErrorCode } from '@roundtable/protocol/client';
import { emitWithAck } from '../../lib/socket';
import { useSessionContext } from '../session/sessionContext';
import { ErrorAlert, type ErrorKey } from '../shell/ErrorAlert';
import { ackError, OPEN_ERRORS } from '../votes/voteErrors';
import { decideAmendment } from './useAmendments';

interface Props {
  amendment: AmendmentDto;
  /** A vote on it is open: close it first, then decide. */
  voteOpen: boolean;
  /** The draft is frozen (a vote on the recommendation, or decided): nothing can be applied now. */
  frozen: boolean;
  onDecided: (amendment: AmendmentDto) => void;
}

/**
 * Facilitator: takes one amendment. Accept or reject it as the room agrees (consensus), or put
 * it to an approval vote first and decide once the vote is closed. Accepting applies the change
 * on the server as one edit everyone sees; a passage edited meanwhile is refused, never applied
 * blindly, and said so here.
 */
export function AmendmentDecision({ amendment, voteOpen, frozen, onDecided }: Props) {
  const { t } = useTranslation();
  const { socket, upsertVote } = useSessionContext();
  const [busy, setBusy] = useState<AmendmentOutcome | 'vote' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [errorKeys, setErrorKeys] = useState<Partial<Record<ErrorCode, ErrorKey>>>({});

  async function decide(outcome: AmendmentOutcome) {
    if (busy) return;
    setBusy(outcome);
    setError(null);
    const res = await decideAmendment(socket, amendment.id, outcome);
    setBusy(null);
    if (res.ok) {
      onDecided(res.amendment);
      return;
    }
    setErrorKeys({
      conflict: frozen ? 'errors.amendmentFrozen' : 'errors.amendmentStale',
      not_found: 'errors.amendmentNotFound',
    });
    setError(ackError(res.error));
  }

  async function putToVote() {
    if (busy) return;
    setBusy('vote');
    setError(null);
    const res = await emitWithAck(socket, 'vote:open', { method: 'approval', amendmentId: amendment.id });
    setBusy(null);
    if (res.ok) {
      upsertVote({ vote: res.vote, turnout: 0 });
      return;
    }
    setErrorKeys({ ...OPEN_ERRORS, conflict: 'errors.amendmentVoteConflict' });
    setError(ackError(res.error));
  }

  return (
    <div className="amendment-decision" data-testid="amendment-decision">
      {voteOpen ? (
        <p className="hint">{t('amendments.decide.voteOpen')}</p>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="button button--primary"
            aria-disabled={busy !== null}
            data-testid="amendment-accept"
            onClick={() => void decide('accepted')}
          >
            {busy === 'accepted' ? t('amendments.decide.accepting') : t('amendments.decide.accept')}
          </button>
          <button
            type="button"
            className="button"
            aria-disabled={busy !== null}
            data-testid="amendment-reject"
            onClick={() => void decide('rejected')}
          >
            {busy === 'rejected' ? t('amendments.decide.rejecting') : t('amendments.decide.reject')}
          </button>
          {amendment.voteId === null && (
            <button
              type="button"
              className="button"
              aria-disabled={busy !== null}
              data-testid="amendment-put-to-vote"
              onClick={() => void putToVote()}
            >
              {busy === 'vote' ? t('amendments.decide.opening') : t('amendments.decide.putToVote')}
            </button>
          )}
        </div>
      )}
      <ErrorAlert error={error} overrides={errorKeys} />
    </div>
  );
}
