import { useEffect, useId, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { voteRecommendationIds } from '@roundtable/domain';
import type { ReactNode } from 'react';
import type { VoteUpdated } from '@roundtable/protocol/client';
import { useSessionContext } from '../session/sessionContext';
import { VotePanel } from './VotePanel';
import { byOpenThenNewest, useVoteTitle } from './voteText';

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
  // A vote someone watched while it was open stays expanded when it closes (its result, the
  // facilitator's decision); the others start collapsed, newest first, so a phone reaches
  // the open vote and the agenda without scrolling past every past result.
  const seenOpen = useRef(new Set<string>());
  for (const v of open) seenOpen.current.add(v.vote.id);
  // Sent here from another page to a vote (the phone action bar): focus it once it is listed.
  const { hash } = useLocation();
  const listed = votes !== null;
  useEffect(() => {
    const target =
      listed && hash.startsWith('#vote-') ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }, [hash, listed]);

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
            <ClosedVote key={v.vote.id} update={v} expanded={seenOpen.current.has(v.vote.id)} />
          ))}
        </>
      )}
    </section>
  );
}

/** A closed vote: its title as a disclosure, the whole panel inside. */
function ClosedVote({ update, expanded }: { update: VoteUpdated; expanded: boolean }) {
  const { recommendations } = useSessionContext();
  const title = useVoteTitle(update.vote, recommendations);
  const [open, setOpen] = useState(expanded);
  return (
    <details
      className="votes__closed"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      data-testid="closed-vote"
      data-vote-id={update.vote.id}
    >
      <summary>{title}</summary>
      {open && <VotePanel update={update} />}
    </details>
  );
}
