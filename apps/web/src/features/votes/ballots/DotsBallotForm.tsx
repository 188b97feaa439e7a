import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_DOTS_BUDGET, type DotsBallot, type VoteDto } from '@roundtable/protocol/client';
import { BallotFrame, type BallotProblem } from './BallotFrame';
import { sameBallot, useCastBallot } from './useCastBallot';

/** Number inputs per option, with the dots left counted live against the vote's budget. */
export function DotsBallotForm({ vote }: { vote: VoteDto }) {
  const { t } = useTranslation();
  const id = useId();
  const budget = vote.dotsBudget ?? DEFAULT_DOTS_BUDGET;
  const { recorded, busy, error, cast } = useCastBallot(vote, 'dots');
  // Kept as typed text, so clearing a field to retype does not jump back to 0.
  const [inputs, setInputs] = useState<Record<string, string>>(() =>
    Object.fromEntries(vote.options.map((o) => [o.id, String(recorded?.dots[o.id] ?? 0)])),
  );
  const [problem, setProblem] = useState<BallotProblem | null>(null);

  const dots: Record<string, number> = {};
  let invalid = false;
  for (const [optionId, raw] of Object.entries(inputs)) {
    if (raw.trim() === '') continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) invalid = true;
    else if (n > 0) dots[optionId] = n;
  }
  const placed = Object.values(dots).reduce((sum, n) => sum + n, 0);
  const left = budget - placed;
  const ballot: DotsBallot = { dots };

  function submit() {
    if (invalid) return setProblem('votes.ballot.problems.dotsInvalid');
    if (placed === 0) return setProblem('votes.ballot.problems.dotsNone');
    if (left < 0) return setProblem('votes.ballot.problems.dotsOver');
    void cast(ballot);
  }

  return (
    <BallotFrame
      describedBy={`${id}-left`}
      busy={busy}
      error={error}
      problem={problem}
      recorded={recorded !== null}
      changed={recorded !== null && !sameBallot(recorded, ballot)}
      onSubmit={submit}
    >
      <p id={`${id}-left`} className="dots-left" role="status" data-testid="dots-left" data-over={left < 0}>
        {left >= 0
          ? t('votes.ballot.dots.left', { count: left, budget })
          : t('votes.ballot.dots.over', { count: -left, budget })}
      </p>
      {vote.options.map((o) => (
        <div key={o.id} className="field dots-row">
          <label htmlFor={`${id}-${o.id}`}>{o.label}</label>
          <input
            id={`${id}-${o.id}`}
            type="number"
            inputMode="numeric"
            min={0}
            max={budget}
            step={1}
            aria-describedby={`${id}-left`}
            value={inputs[o.id] ?? ''}
            onChange={(e) => {
              setInputs((current) => ({ ...current, [o.id]: e.target.value }));
              setProblem(null);
            }}
          />
        </div>
      ))}
    </BallotFrame>
  );
}
