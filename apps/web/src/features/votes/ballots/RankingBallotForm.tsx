import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RankingBallot, VoteDto } from '@roundtable/protocol/client';
import { optionLabel } from '../voteText';
import { BallotFrame } from './BallotFrame';
import { sameBallot, useCastBallot } from './useCastBallot';

/** A recorded order completed with options it leaves out (they rank last, as the server counts them). */
function initialOrder(vote: VoteDto, recorded: RankingBallot | null): string[] {
  const listed = (recorded?.order ?? []).filter((id) => vote.options.some((o) => o.id === id));
  return [...listed, ...vote.options.map((o) => o.id).filter((id) => !listed.includes(id))];
}

/**
 * Options in order of preference, moved with "move up" / "move down" buttons: operable by
 * keyboard and switch access, with no drag and drop. Focus stays on the moved option's
 * button and a polite live region says where it went.
 */
export function RankingBallotForm({ vote }: { vote: VoteDto }) {
  const { t } = useTranslation();
  const id = useId();
  const { recorded, busy, error, cast } = useCastBallot(vote, 'ranking');
  const [order, setOrder] = useState(() => initialOrder(vote, recorded));
  const [announcement, setAnnouncement] = useState('');
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [focusNext, setFocusNext] = useState<string | null>(null);
  const ballot: RankingBallot = { order };

  useEffect(() => {
    if (focusNext) buttons.current.get(focusNext)?.focus();
    setFocusNext(null);
  }, [focusNext]);

  function move(index: number, delta: -1 | 1) {
    const target = index + delta;
    if (target < 0 || target >= order.length) return;
    const next = [...order];
    const [moved] = next.splice(index, 1);
    next.splice(target, 0, moved!);
    setOrder(next);
    setAnnouncement(
      t('votes.ballot.ranking.moved', { label: optionLabel(vote, moved!), position: target + 1, count: next.length }),
    );
    // Moving re-orders the DOM, which drops the focus: give it back to the button pressed,
    // so pressing it again keeps moving the same option.
    setFocusNext(`${moved!}:${delta === -1 ? 'up' : 'down'}`);
  }

  const setButton = (key: string) => (el: HTMLButtonElement | null) => {
    if (el) buttons.current.set(key, el);
    else buttons.current.delete(key);
  };

  return (
    <BallotFrame
      describedBy={`${id}-how`}
      busy={busy}
      error={error}
      problem={null}
      recorded={recorded !== null}
      changed={recorded !== null && !sameBallot(recorded, ballot)}
      onSubmit={() => void cast(ballot)}
    >
      <p id={`${id}-how`} className="hint">
        {t('votes.ballot.ranking.how')}
      </p>
      <ol className="ranking" aria-label={t('votes.ballot.ranking.listLabel')}>
        {order.map((optionId, i) => {
          const label = optionLabel(vote, optionId);
          const first = i === 0;
          const last = i === order.length - 1;
          return (
            <li key={optionId} className="ranking__item" data-option-id={optionId}>
              <span className="ranking__position" aria-hidden="true">
                {i + 1}.
              </span>
              <span className="ranking__label">{label}</span>
              <span className="ranking__buttons">
                {/* aria-disabled rather than disabled: a disabled button would drop the focus. */}
                <button
                  ref={setButton(`${optionId}:up`)}
                  type="button"
                  className="button button--small"
                  aria-label={t('votes.ballot.ranking.moveUpLabel', { label })}
                  aria-disabled={first}
                  onClick={() => move(i, -1)}
                >
                  {t('votes.ballot.ranking.moveUp')}
                </button>
                <button
                  ref={setButton(`${optionId}:down`)}
                  type="button"
                  className="button button--small"
                  aria-label={t('votes.ballot.ranking.moveDownLabel', { label })}
                  aria-disabled={last}
                  onClick={() => move(i, 1)}
                >
                  {t('votes.ballot.ranking.moveDown')}
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </BallotFrame>
  );
}
