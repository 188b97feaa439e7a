import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Language, draftBodyField } from '@roundtable/protocol/client';
import { useDraft } from '../../lib/draftProvider';
import type { SessionCredentials } from '../../lib/credentials';
import { CollaborativeEditor } from '../drafts/CollaborativeEditor';
import { LanguageTabs, preferredLanguage } from '../drafts/LanguageTabs';

interface Props {
  recommendationId: string;
  title: string;
  credentials: SessionCredentials;
  /** The session's languages (one: the 1.0 screen). */
  languages?: readonly Language[];
  /** The language the room speaks now (the speaker's, when they gave one). */
  roomLanguage?: Language | null;
}

/**
 * The draft under discussion, live and read-only, with no awareness at all: the projector
 * is nobody's cursor, and shows nobody's either.
 */
export function ProjectorDraft({ recommendationId, title, credentials, languages = [], roomLanguage }: Props) {
  const { t, i18n } = useTranslation();
  const { draft, status } = useDraft(recommendationId, credentials.token, {
    broadcastAwareness: false,
    editable: false,
  });
  const panelId = useId();
  // The version follows the room's language until someone picks one on the screen.
  const [picked, setPicked] = useState<Language | null>(null);
  if (status.refusal) return <p className="projector__muted">{t(`drafts.refused.${status.refusal}`)}</p>;
  if (!draft) return null;
  const multilingual = languages.length > 1;
  const shown =
    picked ??
    (roomLanguage && languages.includes(roomLanguage) ? roomLanguage : preferredLanguage(languages, i18n.language));
  return (
    <>
      {multilingual && (
        <LanguageTabs
          languages={languages}
          value={shown}
          onChange={setPicked}
          controls={panelId}
          testId="screen-version-switch"
        />
      )}
      <div id={panelId} lang={multilingual ? shown : undefined} data-testid="screen-draft-version" data-lang={shown}>
        <CollaborativeEditor
          key={shown}
          draft={draft}
          editable={false}
          showCarets={false}
          user={{ name: credentials.participant.name, color: '#000000' }}
          label={t('drafts.editorLabel', { title })}
          {...(multilingual ? { field: draftBodyField(shown, languages), lang: shown } : {})}
        />
      </div>
    </>
  );
}
