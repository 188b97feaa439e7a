import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSENT_CHOICES, MAX_REASON_LENGTH, type ConsentBallot, type VoteDto } from '@roundtable/protocol/client';
import { BallotFrame, type BallotProblem } from './BallotFrame';
import { sameBallot, useCastBallot } from './useCastBallot';

const needsReason = (choice: ConsentBallot['choice'] | '') => choice === 'object' || choice === 'block';

/** Agree, stand aside, object or block; an objection or a block carries a reason. */
export function ConsentBallotForm({ vote }: { vote: VoteDto }) {
  const { t } = useTranslation();
  const id = useId();
  const { recorded, busy, error, cast } = useCastBallot(vote, 'consent');
  const [choice, setChoice] = useState<ConsentBallot['choice'] | ''>(recorded?.choice ?? '');
  const [reason, setReason] = useState(recorded?.reason ?? '');
  const [problem, setProblem] = useState<BallotProblem | null>(null);
  const required = needsReason(choice);
  const trimmed = reason.trim();
  // A reason given with "agree" would be kept by nobody: send it only where it counts.
  const ballot: ConsentBallot | null = choice ? (required ? { choice, reason: trimmed } : { choice }) : null;

  function submit() {
    if (!ballot) return setProblem('votes.ballot.problems.choose');
    if (required && !trimmed) return setProblem('votes.ballot.problems.reason');
    void cast(ballot);
  }

  return (
    <BallotFrame
      busy={busy}
      error={error}
      problem={problem}
      recorded={recorded !== null}
      changed={recorded !== null && !sameBallot(recorded, ballot)}
      onSubmit={submit}
    >
      <fieldset className="field choices">
        <legend>{t('votes.ballot.consent.legend')}</legend>
        {CONSENT_CHOICES.map((c) => (
          <label key={c} className="choice choice--described">
            <input
              type="radio"
              name={`${id}-choice`}
              value={c}
              checked={choice === c}
              aria-describedby={`${id}-${c}-hint`}
              onChange={() => {
                setChoice(c);
                setProblem(null);
              }}
            />
            <span>
              {t(`votes.choices.consent.${c}`)}
              <span id={`${id}-${c}-hint`} className="hint choice__hint">
                {t(`votes.ballot.consent.hints.${c}`)}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {/* Only objections and blocks keep a reason, so the field appears with them. */}
      {required && (
        <div className="field">
          <label htmlFor={`${id}-reason`}>
            {t('votes.ballot.consent.reason')}{' '}
            <span className="optional">{t('votes.ballot.consent.reasonRequired')}</span>
          </label>
          <textarea
            id={`${id}-reason`}
            name="reason"
            rows={3}
            maxLength={MAX_REASON_LENGTH}
            aria-required="true"
            aria-invalid={problem === 'votes.ballot.problems.reason'}
            aria-describedby={`${id}-reason-hint`}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setProblem(null);
            }}
          />
          <p id={`${id}-reason-hint`} className="hint">
            {t('votes.ballot.consent.reasonHint')}
          </p>
        </div>
      )}
    </BallotFrame>
  );
}
