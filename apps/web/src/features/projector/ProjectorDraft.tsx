import { useTranslation } from 'react-i18next';
import { useDraft } from '../../lib/draftProvider';
import type { SessionCredentials } from '../../lib/credentials';
import { CollaborativeEditor } from '../drafts/CollaborativeEditor';

interface Props {
  recommendationId: string;
  title: string;
  credentials: SessionCredentials;
}

/**
 * The draft under discussion, live and read-only, with no awareness at all: the projector
 * is nobody's cursor, and shows nobody's either.
 */
export function ProjectorDraft({ recommendationId, title, credentials }: Props) {
  const { t } = useTranslation();
  const { draft, status } = useDraft(recommendationId, credentials.token, {
    broadcastAwareness: false,
    editable: false,
  });
  if (status.refusal) return <p className="projector__muted">{t(`drafts.refused.${status.refusal}`)}</p>;
  if (!draft) return null;
  return (
    <CollaborativeEditor
      draft={draft}
      editable={false}
      showCarets={false}
      user={{ name: credentials.participant.name, color: '#000000' }}
      label={t('drafts.editorLabel', { title })}
    />
  );
}
