import { useId, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shell/ErrorAlert';
import { CAST_ERRORS } from '../voteErrors';

/** Client-side problems with a ballot, checked before sending it. */
export type BallotProblem =
  | 'votes.ballot.problems.choose'
  | 'votes.ballot.problems.reason'
  | 'votes.ballot.problems.scoreOne'
  | 'votes.ballot.problems.dotsInvalid'
  | 'votes.ballot.problems.dotsNone'
  | 'votes.ballot.problems.dotsOver';

interface Props {
  /** Id of the element explaining how to fill in this ballot, if any. */
  describedBy?: string;
  busy: boolean;
  error: unknown;
  problem: BallotProblem | null;
  /** A ballot of this person is stored. */
  recorded: boolean;
  /** The form now says something else than the stored ballot. */
  changed: boolean;
  onSubmit: () => void;
  children: ReactNode;
}

/**
 * The frame every method's ballot shares: heading, submit, refusals and the "recorded"
 * confirmation (a polite live region, so it is heard after the ack without moving focus).
 */
export function BallotFrame({ describedBy, busy, error, problem, recorded, changed, onSubmit, children }: Props) {
  const { t } = useTranslation();
  const id = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!busy) onSubmit();
  }

  return (
    <form
      className="form ballot"
      data-testid="ballot-form"
      aria-labelledby={`${id}-heading`}
      aria-describedby={describedBy}
      noValidate
      onSubmit={submit}
    >
      <h4 id={`${id}-heading`}>{t('votes.ballot.heading')}</h4>
      {children}
      {problem && (
        <p className="alert alert--error" role="alert">
          {t(problem)}
        </p>
      )}
      <ErrorAlert error={error} overrides={CAST_ERRORS} />
      <button className="button button--primary" type="submit" aria-disabled={busy} data-testid="ballot-submit">
        {busy ? t('votes.ballot.casting') : recorded ? t('votes.ballot.change') : t('votes.ballot.cast')}
      </button>
      <p role="status" className="form__status ballot__recorded" data-testid="ballot-recorded" data-changed={changed}>
        {recorded && (changed ? t('votes.ballot.changed') : t('votes.ballot.recorded'))}
      </p>
    </form>
  );
}
