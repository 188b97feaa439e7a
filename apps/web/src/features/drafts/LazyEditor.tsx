import { lazy, Suspense, useEffect, useState, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@roundtable/protocol/client';
import { api } from '../../lib/api';
import { useSessionContext } from '../session/sessionContext';
import { retryingImport } from '../../lib/retryingImport';

/**
 * Tiptap and ProseMirror are most of a draft's download (~140 KiB brotli, ~3 s on a 400 kbit/s
 * link): the editor comes in its own chunk, and until it is there the text is shown read-only,
 * as the server stored it, so a reader on a poor link has the draft in front of them first.
 */
const CollaborativeEditor = lazy(
  retryingImport(() => import('./CollaborativeEditor').then((m) => ({ default: m.CollaborativeEditor }))),
);

type EditorProps = ComponentProps<typeof CollaborativeEditor>;

interface Props extends EditorProps {
  /** The recommendation whose text to show while the editor loads; none: "Loading…". */
  recommendationId?: string;
  /** The language version (a multilingual session); the session's first one when absent. */
  previewLang?: Language;
}

export function LazyEditor({ recommendationId, previewLang, ...editor }: Props) {
  const { t } = useTranslation();
  const fallback = recommendationId ? (
    <DraftPreview recommendationId={recommendationId} lang={previewLang} />
  ) : (
    <p aria-busy="true">{t('common.loading')}</p>
  );
  return (
    <Suspense fallback={fallback}>
      <CollaborativeEditor {...editor} />
    </Suspense>
  );
}

/** The stored text, paragraph by paragraph, read-only, while the editor downloads. */
function DraftPreview({ recommendationId, lang }: { recommendationId: string; lang: Language | undefined }) {
  const { t } = useTranslation();
  const { credentials, snapshot } = useSessionContext();
  const [text, setText] = useState<string | null>(null);
  const language = lang ?? snapshot?.session.language;
  useEffect(() => {
    if (!language) return;
    const abort = new AbortController();
    api.getRecommendation(credentials.sessionId, credentials.token, recommendationId, language, abort.signal).then(
      (res) => setText(res.text),
      () => undefined, // The editor follows anyway; the preview is only a head start.
    );
    return () => abort.abort();
  }, [credentials.sessionId, credentials.token, recommendationId, language]);
  return (
    <div className="editor-frame" data-testid="draft-preview" data-loaded={text !== null} aria-busy="true">
      <div className="editor" lang={lang}>
        {text === null ? (
          <p>{t('common.loading')}</p>
        ) : (
          text
            .split('\n')
            .filter((line) => line.trim() !== '')
            // biome-ignore lint/suspicious/noArrayIndexKey: a static snapshot, replaced whole by the editor
            .map((line, i) => <p key={i}>{line}</p>)
        )}
      </div>
    </div>
  );
}
