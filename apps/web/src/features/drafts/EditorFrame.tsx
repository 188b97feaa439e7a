import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Draft, DraftStatus } from '../../lib/draftProvider';
import { LazyEditor } from './LazyEditor';
import { useLeaveWarning } from '../shell/useLeaveWarning';
import { ConnectionState } from './ConnectionState';
import { participantColour } from './participantColour';

interface Props {
  draft: Draft | null;
  status: DraftStatus;
  editable: boolean;
  /** The person editing, for their caret (its colour follows their id). */
  participant: { id: string; name: string };
  /** Accessible name of the text area. */
  label: string;
  /** A recommendation's draft: its stored text is shown while the editor loads. */
  recommendationId?: string;
}

/**
 * What every co-edited text shows around its editor (a recommendation's draft, an intervision
 * phase's notes): the connection state, then the editor, or why the server refused it.
 */
export function EditorFrame({ draft, status, editable, participant, label, recommendationId }: Props) {
  const { t } = useTranslation();
  useLeaveWarning(status.pending > 0 && !status.refusal);
  return (
    <>
      <ConnectionState status={status} />
      {status.refusal ? (
        <div className="alert alert--error" role="alert">
          <p>{t(`drafts.refused.${status.refusal}`)}</p>
          {status.refusal === 'too_large' && (
            <p>
              <button type="button" className="button" onClick={() => window.location.reload()}>
                {t('routeError.reload')}
              </button>
            </p>
          )}
          {status.refusal === 'unauthorized' && (
            <p>
              <Link to="/">{t('session.notJoined.link')}</Link>
            </p>
          )}
        </div>
      ) : (
        draft && (
          <LazyEditor
            recommendationId={recommendationId}
            draft={draft}
            editable={editable}
            user={{ name: participant.name, color: participantColour(participant.id) }}
            label={label}
          />
        )
      )}
    </>
  );
}
