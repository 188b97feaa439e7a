import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { voteRecommendationIds } from '@roundtable/domain';
import type { ReactNode } from 'react';
import { useSessionContext } from '../session/sessionContext';
import { VotePanel } from './VotePanel';
import { byOpenThenNewest } from './voteText';

/** Anchor of the session's votes (all of them), e.g. for the observers' "votes open" link. */
export const SESSION_VOTES_ID = 'session-votes';

interface Props {
  /** Only votes about this recommendation (draft page); all votes when absent. */
  recommendationId?: string;
  /** Facilitator tools shown under the heading (open a vote). */
  children?: ReactNode;
}

/**
 * The votes of the session, or of one recommendation, live: a vote opened by the facilitator
 * appears here for everyone as soon as the server announces it.
 */
export function VotesSection({ recommendationId, children }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const { votes } = useSessionContext();
  const shown = (votes ?? [])
    .filter((v) => !recommendationId || voteRecommendationIds(v.vote).includes(recommendationId))
    .sort(byOpenThenNewest);
  const open = shown.filter((v) => v.vote.status === 'open');
  const closed = shown.filter((v) => v.vote.status === 'closed');

  return (
    <section
      className="card votes"
      id={recommendationId ? undefined : SESSION_VOTES_ID}
      tabIndex={-1}
      aria-labelledby={`${id}-heading`}
      data-testid="votes-section"
    >
      <h2 id={`${id}-heading`}>{t(recommendationId ? 'votes.headingRecommendation' : 'votes.heading')}</h2>
      {children}
      {votes === null && <p aria-busy="true">{t('common.loading')}</p>}
      {votes !== null && shown.length === 0 && <p>{t(recommendationId ? 'votes.noneRecommendation' : 'votes.none')}</p>}
      {/* Announces votes opening and closing without reading every turnout change. */}
      <p role="status" className="visually-hidden" data-testid="votes-announcer">
        {open.length > 0 && t('votes.openCount', { count: open.length })}
      </p>
      {open.map((v) => (
        <VotePanel key={v.vote.id} update={v} />
      ))}
      {closed.length > 0 && (
        <>
          {/* A divider, not a heading: each vote keeps the same heading level wherever it is listed. */}
          <p className="votes__closed-heading">{t('votes.closedHeading', { count: closed.length })}</p>
          {closed.map((v) => (
            <VotePanel key={v.vote.id} update={v} />
          ))}
        </>
      )}
    </section>
  );
}
