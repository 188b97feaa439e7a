import { useTranslation } from 'react-i18next';
import { can, minutesDocName } from '@roundtable/domain';
import { useDraft } from '../../lib/draftProvider';
import { EditorFrame } from '../drafts/EditorFrame';
import { useSessionContext } from '../session/sessionContext';

/**
 * The live minutes document, edited like a draft. The panel keys this on `editable`: when
 * the minute-taker changes, the editor restarts from the server's copy, so an edit the
 * server refused never lingers on screen. Loaded on demand (default export for React.lazy).
 */
export default function MinutesEditor({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const { credentials, role } = useSessionContext();
  const { participant, sessionId, token } = credentials;
  const { draft, status } = useDraft(minutesDocName(sessionId), token, {
    broadcastAwareness: editable && can(role, 'broadcastAwareness'),
    editable,
    person: participant.id,
  });
  return (
    <div className="minutes-editor" data-testid="minutes-editor" data-editable={editable}>
      <EditorFrame
        draft={draft}
        status={status}
        editable={editable}
        participant={participant}
        label={t('minutes.editorLabel')}
      />
    </div>
  );
}
