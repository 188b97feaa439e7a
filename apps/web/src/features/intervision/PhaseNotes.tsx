import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, intervisionNotesDocName } from '@roundtable/domain';
import type { IntervisionPhase } from '@roundtable/protocol/client';
import { useDraft } from '../../lib/draftProvider';
import { EditorFrame } from '../drafts/EditorFrame';
import { useSessionContext } from '../session/sessionContext';

/** Why these notes are read-only for this person, if they are. */
export type ReadOnlyReason = 'observer' | 'listening' | 'notCurrent' | null;

interface Props {
  phase: IntervisionPhase;
  editable: boolean;
  reason: ReadOnlyReason;
}

/**
 * The shared notes of one intervision phase: a Yjs document per phase, edited like a draft.
 * Keyed on phase and editability: when someone starts listening (analysis), the editor
 * restarts read-only from the server's copy, so a refused edit never lingers on screen.
 * Loaded on demand (default export for React.lazy).
 */
export default function PhaseNotes({ phase, editable, reason }: Props) {
  // Bumped to open fresh, empty notes after an erasure.
  const [generation, setGeneration] = useState(0);
  return (
    <NotesEditor
      key={`${phase}:${editable}:${generation}`}
      phase={phase}
      editable={editable}
      reason={reason}
      onReopen={() => setGeneration((g) => g + 1)}
    />
  );
}

function NotesEditor({ phase, editable, reason, onReopen }: Props & { onReopen: () => void }) {
  const { t } = useTranslation();
  const { credentials, role } = useSessionContext();
  const { participant, sessionId, token } = credentials;
  const { draft, status } = useDraft(intervisionNotesDocName(sessionId, phase), token, {
    // Only people who write show a caret; a listening case bringer and observers show none.
    broadcastAwareness: editable && can(role, 'broadcastAwareness'),
    editable,
    person: participant.id,
  });
  const label = t('intervision.notes.editorLabel', { phase: t(`intervision.phases.${phase}`) });

  if (status.refusal === 'erased') {
    return (
      <div className="notice notice--frozen" role="status" data-testid="notes-erased">
        <p>{t('intervision.notes.erased')}</p>
        <button type="button" className="button button--small" onClick={onReopen}>
          {t('intervision.notes.reopen')}
        </button>
      </div>
    );
  }

  return (
    <div className="phase-notes" data-testid="phase-notes" data-phase={phase} data-editable={editable}>
      {reason && <p className="notice">{t(`intervision.notes.readOnly.${reason}`)}</p>}
      <EditorFrame draft={draft} status={status} editable={editable} participant={participant} label={label} />
    </div>
  );
}
