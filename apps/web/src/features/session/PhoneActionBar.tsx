import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { can, canPost } from '@roundtable/domain';
import { currentPhase } from '../meeting/meetingView';
import { useMeetingCommand } from '../meeting/meetingCommands';
import { useSpeakerLanguage } from '../queue/speakerLanguage';
import { votePanelHeadingId } from '../votes/VotePanel';
import { useSessionContext } from './sessionContext';

/**
 * On phones, a bar stuck to the bottom of the screen with what a person needs at any moment
 * of a meeting, one gesture away wherever they scrolled: raise (or lower) their hand, and go
 * to the open vote. Hidden on wider screens (CSS), where the queue and the votes are in view.
 */
export function PhoneActionBar() {
  const { t } = useTranslation();
  const { meeting, role, credentials, votes } = useSessionContext();
  const command = useMeetingCommand();
  const [language] = useSpeakerLanguage();
  const navigate = useNavigate();
  const meId = credentials.participant.id;
  const openVote = (votes ?? []).find((v) => v.vote.status === 'open');
  const speaks = can(role, 'vote') && meeting !== null;
  const mine = meeting?.queue.find((e) => e.participantId === meId);
  const listening = meeting !== null && !canPost(role, meeting.caseBringerId === meId, currentPhase(meeting));
  if (!openVote && !speaks) return null;

  const goToVote = () => {
    if (!openVote) return;
    const headingId = votePanelHeadingId(openVote.vote.id);
    const heading = document.getElementById(headingId);
    if (heading) {
      heading.scrollIntoView({ block: 'start' });
      heading.focus({ preventScroll: true });
    } else {
      // Not on this page (a draft about something else): the session page lists every vote.
      void navigate(`/s/${encodeURIComponent(credentials.sessionId)}#${headingId}`);
    }
  };

  return (
    <nav className="action-bar" aria-label={t('actionBar.label')} data-testid="action-bar">
      {speaks &&
        (mine ? (
          <button
            type="button"
            className="button"
            aria-disabled={command.pending !== null}
            onClick={() => void command.send('queue:lower', {})}
            data-testid="action-bar-lower"
          >
            {t(mine.kind === 'point_of_order' ? 'queue.withdrawOrder' : 'queue.lower')}
          </button>
        ) : (
          !listening && (
            <button
              type="button"
              className="button"
              aria-disabled={command.pending !== null}
              onClick={() =>
                void command.send('queue:raise', { pointOfOrder: false, ...(language ? { language } : {}) })
              }
              data-testid="action-bar-raise"
            >
              {t('queue.raise')}
            </button>
          )
        ))}
      {openVote && (
        <button type="button" className="button button--primary" onClick={goToVote} data-testid="action-bar-vote">
          {t(can(role, 'vote') ? 'actionBar.toVote' : 'actionBar.toResults')}
        </button>
      )}
    </nav>
  );
}
