import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalBallot, VoteDto } from '@roundtable/protocol/client';
import { BallotFrame, type BallotProblem } from './BallotFrame';
import { sameBallot, useCastBallot } from './useCastBallot';

const CHOICES = ['for', 'against', 'abstain'] as const satisfies readonly ApprovalBallot['choice'][];

/** For, against or abstain on one motion. */
export function ApprovalBallotForm({ vote }: { vote: VoteDto }) {
  const { t } = useTranslation();
  const id = useId();
  const { recorded, busy, error, cast } = useCastBallot(vote, 'approval');
  const [choice, setChoice] = useState<ApprovalBallot['choice'] | ''>(recorded?.choice ?? '');
  const [problem, setProblem] = useState<BallotProblem | null>(null);
  const ballot: ApprovalBallot | null = choice ? { choice } : null;

  return (
    <BallotFrame
      busy={busy}
      error={error}
      problem={problem}
      recorded={recorded !== null}
      changed={recorded !== null && !sameBallot(recorded, ballot)}
      onSubmit={() => (ballot ? void cast(ballot) : setProblem('votes.ballot.problems.choose'))}
    >
      <fieldset className="field choices">
        <legend>{t('votes.ballot.approval.legend')}</legend>
        {CHOICES.map((c) => (
          <label key={c} className="choice">
            <input
              type="radio"
              name={`${id}-choice`}
              value={c}
              checked={choice === c}
              onChange={() => {
                setChoice(c);
                setProblem(null);
              }}
            />
            {t(`votes.choices.approval.${c}`)}
          </label>
        ))}
      </fieldset>
    </BallotFrame>
  );
}
