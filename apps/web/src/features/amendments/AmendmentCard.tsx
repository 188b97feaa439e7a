import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '@roundtable/domain';
import { useSessionContext } from '../session/sessionContext';
import { AmendmentDecision } from '../session/facilitatorTools';
import { VotePanel } from '../votes/VotePanel';
import type { AmendmentDto } from '@roundtable/protocol/client';
import { PassageChange } from './PassageChange';

export const amendmentHeadingId = (amendmentId: string) => `amendment-${amendmentId}-heading`;

interface Props {
  amendment: AmendmentDto;
  number: number;
  numbers: ReadonlyMap<string, number>;
  /** Show which language version it is to (a multilingual draft). */
  showLanguage: boolean;
  /** The draft is frozen for a vote or decided: the server applies no amendment now. */
  frozen: boolean;
  onDecided: (amendment: AmendmentDto) => void;
}

/**
 * One amendment as everyone sees it: its change in words, who proposed it and why, where it
 * stands (proposed, accepted or rejected, and how), whether its passage was edited meanwhile
 * ("stale") or overlaps another one; the vote on it, if any; the facilitator's decision tools.
 */
export function AmendmentCard({ amendment: a, number, numbers, showLanguage, frozen, onDecided }: Props) {
  const { t, i18n } = useTranslation();
  const { role, votes } = useSessionContext();
  const time = useMemo(() => new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }), [i18n.language]);
  const vote = a.voteId ? votes?.find((v) => v.vote.id === a.voteId) : undefined;
  const author = a.authorName || t('amendments.card.someone');
  const overlaps = a.overlaps
    .map((id) => numbers.get(id))
    .filter((n): n is number => n !== undefined)
    .sort((x, y) => x - y);
  const status =
    a.status === 'proposed'
      ? t('amendments.status.proposed')
      : t(`amendments.status.${a.status}By.${a.decidedBy ?? 'consensus'}`);

  return (
    <article
      className={`amendment amendment--${a.status}${a.stale ? ' amendment--stale' : ''}`}
      aria-labelledby={amendmentHeadingId(a.id)}
      data-testid="amendment"
      data-amendment-id={a.id}
      data-status={a.status}
      data-stale={a.stale}
    >
      <h3 id={amendmentHeadingId(a.id)} tabIndex={-1}>
        {t('amendments.card.heading', { number })}
        {showLanguage && <span className="amendment__lang"> — {t(`languages.${a.lang}`)}</span>}{' '}
        <span className={`badge badge--amendment-${a.status}`} data-testid="amendment-status">
          <span className="visually-hidden">{t('amendments.card.statusLabel')} </span>
          {status}
        </span>
      </h3>
      <PassageChange original={a.original} replacement={a.replacement} lang={a.lang} />
      <p className="amendment__meta">
        {t('amendments.card.by', { name: author, time: time.format(new Date(a.createdAt)) })}
      </p>
      {a.reason && (
        <p className="amendment__reason">
          <span className="amendment__reason-word">{t('amendments.card.reason')}</span> {a.reason}
        </p>
      )}
      {a.status === 'proposed' && a.stale && (
        <p className="notice notice--warning" data-testid="amendment-stale">
          {t('amendments.card.stale')}
        </p>
      )}
      {a.status === 'proposed' && overlaps.length > 0 && (
        <p className="amendment__overlaps" data-testid="amendment-overlaps">
          {t('amendments.card.overlaps', {
            count: overlaps.length,
            numbers: overlaps.map((n) => `#${n}`).join(', '),
          })}
        </p>
      )}
      {vote && (vote.vote.status === 'open' || a.status === 'proposed') && <VotePanel update={vote} />}
      {can(role, 'manageSession') && a.status === 'proposed' && (
        <AmendmentDecision
          amendment={a}
          voteOpen={vote?.vote.status === 'open'}
          frozen={frozen}
          onDecided={onDecided}
        />
      )}
    </article>
  );
}
