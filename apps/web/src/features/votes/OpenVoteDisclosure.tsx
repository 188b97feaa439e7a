import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionContext } from '../session/sessionContext';
import { OpenVoteForm } from './OpenVoteForm';
import { votePanelHeadingId } from './VotePanel';

interface Props {
  /** The draft page's shortcut: the form starts on this recommendation. */
  recommendationId?: string;
}

/**
 * Facilitator: a button that shows the "open a vote" form. Once the vote is open the form
 * folds away and the focus moves to the new vote, where the facilitator follows and closes it.
 */
export function OpenVoteDisclosure({ recommendationId }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const { votes } = useSessionContext();
  const [expanded, setExpanded] = useState(false);
  const [focusVote, setFocusVote] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: votes is the trigger: the new vote's heading exists only once its vote has arrived, so try again then
  useEffect(() => {
    if (!focusVote) return;
    const heading = document.getElementById(votePanelHeadingId(focusVote));
    if (heading) {
      heading.focus();
      setFocusVote(null);
    }
  }, [focusVote, votes]);

  return (
    <div className="open-vote-disclosure">
      <button
        type="button"
        className="button"
        aria-expanded={expanded}
        aria-controls={`${id}-form`}
        data-testid="open-vote-toggle"
        onClick={() => setExpanded((e) => !e)}
      >
        {t(recommendationId ? 'votes.open.toggleRecommendation' : 'votes.open.toggle')}
      </button>
      <div id={`${id}-form`} hidden={!expanded}>
        {expanded && (
          <OpenVoteForm
            recommendationId={recommendationId}
            onOpened={(vote) => {
              setExpanded(false);
              setFocusVote(vote.id);
            }}
          />
        )}
      </div>
    </div>
  );
}
