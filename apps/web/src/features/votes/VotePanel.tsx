import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '@roundtable/domain';
import type { VoteUpdated } from '@roundtable/protocol/client';
import { useSessionContext } from '../session/sessionContext';
import { BallotForm } from './BallotForm';
import { FrozenTexts } from './FrozenTexts';
import { RoomCountsForm, RoomCountsLine } from './RoomCounts';
import { VoteControls } from './VoteControls';
import { VoteFacts } from './VoteFacts';
import { VoteResults } from './VoteResults';
import { useVoteTitle, votePanelHeadingId, withReaderLabels } from './voteText';

export { votePanelHeadingId };

/**
 * One vote, live: how it is held, the text voted on beside the ballot, the results as this
 * person may see them, and the facilitator's controls.
 */
export function VotePanel({ update }: { update: VoteUpdated }) {
  const { t, i18n } = useTranslation();
  const { role, recommendations } = useSessionContext();
  // Options that are recommendations, titled in the reader's language (ballot and results).
  const shown = useMemo(
    () => ({ ...update, vote: withReaderLabels(update.vote, recommendations, i18n.language) }),
    [update, recommendations, i18n.language],
  );
  const { vote } = shown;
  const title = useVoteTitle(vote, recommendations);
  const open = vote.status === 'open';
  const manages = can(role, 'manageSession');
  const votes = can(role, 'vote');

  return (
    <article
      className="vote"
      aria-labelledby={votePanelHeadingId(vote.id)}
      data-testid="vote-panel"
      data-vote-id={vote.id}
      data-status={vote.status}
      data-method={vote.method}
    >
      <h3 id={votePanelHeadingId(vote.id)} tabIndex={-1}>
        {title}
      </h3>
      <VoteFacts update={shown} />
      <div className={vote.frozenTexts.length > 0 && open && votes ? 'vote__body vote__body--split' : 'vote__body'}>
        <FrozenTexts vote={vote} />
        {open && votes && <BallotForm key={vote.id} vote={vote} />}
      </div>
      {open && !votes && <p className="notice">{t('votes.observerNotice')}</p>}
      <VoteResults update={shown} manages={manages} />
      <RoomCountsLine vote={vote} tally={update.tally} />
      {manages && <RoomCountsForm key={vote.id} vote={vote} tally={update.tally} />}
      {manages && <VoteControls vote={vote} />}
    </article>
  );
}
