import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_SCORE, type ScoreBallot, type VoteDto } from '@roundtable/protocol/client';
import { BallotFrame, type BallotProblem } from './BallotFrame';
import { sameBallot, useCastBallot } from './useCastBallot';

const SCORES = Array.from({ length: MAX_SCORE + 1 }, (_, s) => s);

/** A score from 0 to MAX_SCORE per option, as a radio group each; an option may be left unscored. */
export function ScoreBallotForm({ vote }: { vote: VoteDto }) {
  const { t } = useTranslation();
  const id = useId();
  const { recorded, busy, error, cast } = useCastBallot(vote, 'score');
  const [scores, setScores] = useState<Record<string, number>>(recorded?.scores ?? {});
  const [problem, setProblem] = useState<BallotProblem | null>(null);
  const ballot: ScoreBallot = { scores };

  function setScore(optionId: string, score: number | null) {
    setProblem(null);
    setScores((current) => {
      const next = { ...current };
      if (score === null) delete next[optionId];
      else next[optionId] = score;
      return next;
    });
  }

  return (
    <BallotFrame
      describedBy={`${id}-how`}
      busy={busy}
      error={error}
      problem={problem}
      recorded={recorded !== null}
      changed={recorded !== null && !sameBallot(recorded, ballot)}
      onSubmit={() =>
        Object.keys(scores).length > 0 ? void cast(ballot) : setProblem('votes.ballot.problems.scoreOne')
      }
    >
      <p id={`${id}-how`} className="hint">
        {t('votes.ballot.score.how', { max: MAX_SCORE })}
      </p>
      {vote.options.map((o) => (
        <fieldset key={o.id} className="field score-row">
          <legend>{o.label}</legend>
          <div className="score-row__choices">
            <label className="choice">
              <input
                type="radio"
                name={`${id}-${o.id}`}
                checked={scores[o.id] === undefined}
                onChange={() => setScore(o.id, null)}
              />
              {t('votes.ballot.score.none')}
            </label>
            {SCORES.map((s) => (
              <label key={s} className="choice">
                <input
                  type="radio"
                  name={`${id}-${o.id}`}
                  value={s}
                  checked={scores[o.id] === s}
                  onChange={() => setScore(o.id, s)}
                />
                {s}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
    </BallotFrame>
  );
}
