import { useTranslation } from 'react-i18next';
import type { VoteUpdated } from '@roundtable/protocol/client';
import { useNow } from './useNow';

/** mm:ss, or h:mm:ss for long votes. */
function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(h > 0 ? 2 : 1, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/**
 * What everyone may know about a vote while it runs: how it is held, how many ballots are in,
 * whether the quorum is reached, and when a timed vote closes. Turnout is public even when the
 * results are hidden, so the quorum can always be shown.
 */
export function VoteFacts({ update }: { update: VoteUpdated }) {
  const { t, i18n } = useTranslation();
  const { vote, turnout, tally } = update;
  const open = vote.status === 'open';
  const timed = open && vote.closesAt !== null;
  const now = useNow(timed);
  const closesAt = vote.closesAt ? new Date(vote.closesAt) : null;
  const time = (d: Date) => new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(d);
  const quorumMet = tally?.quorum?.met ?? (vote.quorum !== null && turnout >= vote.quorum);

  return (
    <ul className="vote-facts">
      <li>
        {t(`votes.methods.${vote.method}.name`)} · {t(vote.anonymous ? 'votes.facts.secret' : 'votes.facts.named')} ·{' '}
        {t(vote.results === 'live' ? 'votes.facts.resultsLive' : 'votes.facts.resultsOnClose')}
        {vote.method === 'dots' &&
          vote.dotsBudget !== null &&
          ` · ${t('votes.facts.dotsBudget', { count: vote.dotsBudget })}`}
      </li>
      <li data-testid="vote-turnout">
        <strong>{t(open ? 'votes.status.open' : 'votes.status.closed')}</strong> ·{' '}
        {t('votes.facts.turnout', { count: turnout })}
      </li>
      {vote.quorum !== null && (
        <li data-testid="vote-quorum" data-met={quorumMet}>
          {t(quorumMet ? 'votes.facts.quorumMet' : 'votes.facts.quorumNotMet', { count: vote.quorum })}
        </li>
      )}
      {timed && closesAt && (
        // role=timer is not announced at each tick (aria-live off); the text is there when read.
        <li role="timer" data-testid="vote-countdown">
          {closesAt.getTime() > now
            ? t('votes.facts.closesIn', { remaining: formatRemaining(closesAt.getTime() - now), time: time(closesAt) })
            : t('votes.facts.closing')}
        </li>
      )}
      {!open && vote.closedAt && <li>{t('votes.facts.closedAt', { time: time(new Date(vote.closedAt)) })}</li>}
    </ul>
  );
}
