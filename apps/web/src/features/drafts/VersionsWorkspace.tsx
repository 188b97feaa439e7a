import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, type ParagraphMark } from '@roundtable/domain';
import { type Language, type RecommendationDto, draftBodyField } from '@roundtable/protocol/client';
import { type Draft, useDraft } from '../../lib/draftProvider';
import { useReportDraft } from './useReportDraft';
import { emitWithAck } from '../../lib/socket';
import { useSessionContext } from '../session/sessionContext';
import type { SelectedPassage } from '../amendments/SelectionAction';
import type { HighlightedPassage } from '../amendments/passageHighlights';
import { LazyEditor } from './LazyEditor';
import { ConnectionState } from './ConnectionState';
import { LanguageTabs, preferredLanguage } from './LanguageTabs';
import { participantColour } from './participantColour';
import type { MarkWords } from './paragraphAlignment';
import { useAlignment } from './useAlignment';

interface Props {
  recommendation: RecommendationDto | undefined;
  recommendationId: string;
  languages: readonly Language[];
  frozen: boolean;
  /** Told the passage selected in one of the versions, to propose an amendment to it. */
  onSelectPassage?: (passage: SelectedPassage | null) => void;
  /** Told the live draft once open, for "changes since you left". */
  onDraft?: (draft: Draft | null) => void;
  /** Passages of proposed amendments, per language version. */
  passages?: Partial<Record<Language, HighlightedPassage[]>>;
}

/**
 * The language versions of one draft, co-edited live: side by side on a wide screen,
 * one at a time with a switch on a phone. Each version is marked with its language, its
 * paragraphs "to re-align" or "missing" from what the server stamped, and anyone who
 * checked it can confirm it.
 */
export function VersionsWorkspace({
  recommendation,
  recommendationId,
  languages,
  frozen,
  onSelectPassage,
  onDraft,
  passages,
}: Props) {
  const { t, i18n } = useTranslation();
  const { credentials, role, socket } = useSessionContext();
  const mayEdit = can(role, 'editDrafts');
  const editable = mayEdit && !frozen;
  const { draft, status } = useDraft(recommendationId, credentials.token, {
    broadcastAwareness: can(role, 'broadcastAwareness'),
    editable,
    person: credentials.participant.id,
  });
  useReportDraft(draft, onDraft);
  const alignment = useAlignment(draft?.ydoc, languages);
  const [shown, setShown] = useState<Language>(() => preferredLanguage(languages, i18n.language));
  const [feedback, setFeedback] = useState<string | null>(null);
  const { participant } = credentials;
  const inline = (l: Language) => t(`versions.languageInline.${l}`);
  const time = useMemo(() => new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }), [i18n.language]);

  const words: MarkWords = useMemo(
    () => ({
      editable,
      addMissing: t('versions.addMissing'),
      describe: (m: ParagraphMark) =>
        m.state === 'missing'
          ? t('versions.missing', { language: t(`versions.languageInline.${m.presentIn}`) })
          : t('versions.toRealign', {
              language: t(`versions.languageInline.${m.editedIn}`),
              name: m.edit.name,
              time: time.format(new Date(m.edit.at)),
            }),
    }),
    [t, time, editable],
  );

  async function confirm(lang: Language) {
    setFeedback(null);
    const res = await emitWithAck(socket, 'translation:confirm', { recommendationId, lang });
    setFeedback(
      res.ok
        ? t('versions.confirmed', { language: inline(lang) })
        : t('versions.confirmFailed', { message: res.error.message }),
    );
  }

  if (status.refusal) {
    return (
      <>
        <ConnectionState status={status} />
        <div className="alert alert--error" role="alert">
          <p>{t(`drafts.refused.${status.refusal}`)}</p>
          {status.refusal === 'unauthorized' && (
            <p>
              <Link to="/">{t('session.notJoined.link')}</Link>
            </p>
          )}
        </div>
      </>
    );
  }

  return (
    <>
      {!mayEdit && <p className="notice">{t('drafts.observerNotice')}</p>}
      <ConnectionState status={status} />
      <div className="versions__switch">
        <LanguageTabs languages={languages} value={shown} onChange={setShown} testId="draft-version-switch" />
      </div>
      <section className="versions" aria-label={t('versions.sideBySide')} data-testid="draft-versions">
        {languages.map((lang) => {
          const version = alignment?.versions.find((v) => v.lang === lang);
          const title = recommendation?.titles[lang] ?? recommendation?.title ?? '';
          const headingId = `version-${recommendationId}-${lang}`;
          return (
            <section
              key={lang}
              lang={lang}
              className={lang === shown ? 'version version--shown' : 'version'}
              aria-labelledby={headingId}
              data-testid={`draft-version-${lang}`}
              data-status={version?.status ?? 'aligned'}
            >
              <h3 id={headingId} lang={i18n.language}>
                {t(`languages.${lang}`)}
                {version && version.status !== 'aligned' && (
                  <span className={`version__status version__status--${version.status}`}>
                    {' — '}
                    {version.status === 'missing'
                      ? t('versions.missingCount', { count: version.missingParagraphs })
                      : t('versions.outOfDate', { count: version.outOfDateParagraphs })}
                  </span>
                )}
              </h3>
              {title && <p className="version__title">{title}</p>}
              {draft && (
                <LazyEditor
                  recommendationId={recommendationId}
                  previewLang={lang}
                  draft={draft}
                  editable={editable}
                  user={{ name: participant.name, color: participantColour(participant.id) }}
                  label={t('versions.editorLabel', { title, language: inline(lang) })}
                  field={draftBodyField(lang, languages)}
                  lang={lang}
                  alignment={{ marks: alignment?.marks[lang] ?? [], words }}
                  onSelectText={onSelectPassage && ((s) => onSelectPassage(s && { ...s, lang }))}
                  passages={passages?.[lang] ?? []}
                />
              )}
              {editable && (
                <p lang={i18n.language}>
                  <button
                    type="button"
                    className="button"
                    data-testid={`confirm-version-${lang}`}
                    onClick={() => void confirm(lang)}
                  >
                    {t('versions.confirm', { language: inline(lang) })}
                  </button>
                </p>
              )}
            </section>
          );
        })}
      </section>
      <div role="status" className="live-notice-region" data-testid="version-feedback">
        {feedback && <p className="notice">{feedback}</p>}
      </div>
    </>
  );
}
