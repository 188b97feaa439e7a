import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decisionAgainstOutcome, voteRecommendationIds } from '@roundtable/domain';
import {
  MAX_DECISION_REASON_LENGTH,
  RECOMMENDATION_OUTCOMES,
  type RecommendationDto,
  type RecommendationOutcome,
  type Tally,
  type VoteDto,
} from '@roundtable/protocol/client';
import { emitWithAck } from '../../lib/socket';
import { useSessionContext } from '../session/sessionContext';
import { ErrorAlert } from '../shell/ErrorAlert';
import { FormField } from '../shell/FormField';
import { ackError, CLOSE_ERRORS, DECIDE_ERRORS } from './voteErrors';
import { closedHere } from './voteText';
import { useRecommendationTitle } from '../drafts/recommendationTitle';

/** Facilitator: closes an open vote (the server then broadcasts the final tally). */
function CloseVoteButton({ vote }: { vote: VoteDto }) {
  const { t } = useTranslation();
  const { socket } = useSessionContext();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function close() {
    if (busy) return;
    setBusy(true);
    setError(null);
    closedHere.add(vote.id);
    const res = await emitWithAck(socket, 'vote:close', { voteId: vote.id });
    setBusy(false);
    if (!res.ok) {
      closedHere.delete(vote.id);
      setError(ackError(res.error));
    }
  }

  return (
    <div className="vote-controls">
      <button
        type="button"
        className="button button--primary"
        data-testid="vote-close"
        aria-disabled={busy}
        onClick={() => void close()}
      >
        {busy ? t('votes.controls.closing') : t('votes.controls.close')}
      </button>
      <ErrorAlert error={error} overrides={CLOSE_ERRORS} />
    </div>
  );
}

/**
 * Facilitator: records what becomes of one recommendation after the vote on it. A decision
 * against the vote's outcome (api-v1 1.1) first asks for its reason, which the report prints.
 */
function DecideGroup({ recommendation, tally }: { recommendation: RecommendationDto; tally: Tally | undefined }) {
  const { t } = useTranslation();
  const titleOf = useRecommendationTitle();
  const id = useId();
  const { socket, addRecommendation } = useSessionContext();
  const [busy, setBusy] = useState<RecommendationOutcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  /** The decision waiting for its reason. */
  const [against, setAgainst] = useState<RecommendationOutcome | null>(null);
  const [reason, setReason] = useState('');
  const decided = (RECOMMENDATION_OUTCOMES as readonly string[]).includes(recommendation.status)
    ? (recommendation.status as RecommendationOutcome)
    : null;

  async function decide(outcome: RecommendationOutcome, withReason?: string) {
    if (busy) return;
    if (!withReason && tally && decisionAgainstOutcome(tally, outcome)) {
      setAgainst(outcome);
      setError(null);
      return;
    }
    setBusy(outcome);
    setError(null);
    const res = await emitWithAck(socket, 'recommendation:decide', {
      recommendationId: recommendation.id,
      outcome,
      ...(withReason ? { reason: withReason } : {}),
    });
    setBusy(null);
    if (res.ok) {
      addRecommendation(res.recommendation);
      setAgainst(null);
      setReason('');
    } else setError(ackError(res.error));
  }

  return (
    // biome-ignore lint/a11y/useSemanticElements: toggle buttons, not form fields; a fieldset would add UA border and padding
    <div
      className="decide"
      role="group"
      aria-labelledby={`${id}-label`}
      data-testid="decide-group"
      data-recommendation-id={recommendation.id}
    >
      <p id={`${id}-label`} className="decide__label">
        {t('votes.controls.decideLabel', { title: titleOf(recommendation) })}
      </p>
      <div className="actions">
        {RECOMMENDATION_OUTCOMES.map((outcome) => (
          <button
            key={outcome}
            type="button"
            className="button"
            data-testid={`decide-${outcome}`}
            aria-pressed={decided === outcome}
            aria-disabled={busy !== null}
            onClick={() => void decide(outcome)}
          >
            {t(`votes.controls.outcomes.${outcome}`)}
          </button>
        ))}
      </div>
      {against && (
        <form
          className="form decide__reason"
          data-testid="decide-reason-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) void decide(against, reason.trim());
          }}
        >
          <FormField id={`${id}-reason`} label={t('votes.controls.reason')} hint={t('votes.controls.reasonHint')}>
            {(control) => (
              <textarea
                {...control}
                data-testid="decide-reason"
                required
                rows={3}
                maxLength={MAX_DECISION_REASON_LENGTH}
                value={reason}
                // biome-ignore lint/a11y/noAutofocus: the field appears because the facilitator just asked for it
                autoFocus
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </FormField>
          <button
            type="submit"
            className="button button--primary"
            data-testid="decide-with-reason"
            aria-disabled={busy !== null || !reason.trim()}
          >
            {t('votes.controls.decideWithReason')} ({t(`votes.controls.outcomes.${against}`)})
          </button>
        </form>
      )}
      <p role="status" className="form__status" data-testid="decision">
        {decided && t('votes.controls.decided', { status: t(`statuses.${decided}`) })}
      </p>
      {decided && recommendation.decisionReason && (
        <p className="hint decide__recorded-reason" data-testid="decision-reason">
          {t('votes.controls.reason')}
          {t('report.colon')}
          {recommendation.decisionReason}
        </p>
      )}
      <ErrorAlert error={error} overrides={DECIDE_ERRORS} />
    </div>
  );
}

/** The facilitator's part of a vote panel: close it, then decide on its recommendations. */
export function VoteControls({ vote }: { vote: VoteDto }) {
  const { t } = useTranslation();
  const { recommendations, votes } = useSessionContext();
  if (vote.status === 'open') return <CloseVoteButton vote={vote} />;
  // Only the latest vote on a recommendation decides it: after "to be amended" it may be voted on again.
  const latestVoteOn = (rid: string) =>
    (votes ?? [])
      .filter((v) => voteRecommendationIds(v.vote).includes(rid))
      .reduce<VoteDto | null>((latest, v) => (!latest || v.vote.openedAt > latest.openedAt ? v.vote : latest), null);
  const decidable = voteRecommendationIds(vote)
    .filter((rid) => latestVoteOn(rid)?.id === vote.id)
    .flatMap((rid) => recommendations?.filter((r) => r.id === rid) ?? []);
  if (decidable.length === 0) return null;
  return (
    <section className="decisions">
      <h4>{t('votes.controls.decisionsHeading', { count: decidable.length })}</h4>
      <p className="hint">{t('votes.controls.decisionsHint')}</p>
      {decidable.map((r) => (
        <DecideGroup key={r.id} recommendation={r} tally={votes?.find((v) => v.vote.id === vote.id)?.tally} />
      ))}
    </section>
  );
}
