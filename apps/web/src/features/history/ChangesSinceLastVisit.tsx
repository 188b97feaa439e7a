import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Language, draftBodyField } from '@roundtable/protocol/client';
import { api } from '../../lib/api';
import type { Draft } from '../../lib/draftProvider';
import { fragmentToPlainText } from '@roundtable/domain/draftText';
import { useSessionContext } from '../session/sessionContext';
import { preferredLanguage } from '../drafts/LanguageTabs';
import type { VersionEditor } from '@roundtable/protocol/client';
import { DiffView } from './DiffView';
import { browserStorage, lastSeen, MAX_SEEN_TEXT, recordSeen } from './lastSeenStore';
import { wordDiff } from './wordDiff';

interface Props {
  recommendationId: string;
  languages: readonly Language[];
  /** The live draft, once open: what is on screen when the person leaves is what they saw. */
  draft: Draft | null;
}

interface Changes {
  older: string;
  newer: string;
  lang: Language;
  since: number;
  editors: VersionEditor[];
}

/**
 * "Changes since you left": on opening a draft this device has shown before, what changed in
 * the reader's language version since then (word diff) and who edited it. What is seen is
 * recorded on opening and again on leaving, from the live draft, in a bounded local store.
 */
export default function ChangesSinceLastVisit({ recommendationId, languages, draft }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { credentials } = useSessionContext();
  const { sessionId, token, participant } = credentials;
  const [changes, setChanges] = useState<Changes | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const lastVersion = useRef<string | null>(null);
  const lang = preferredLanguage(languages, i18n.language);

  // Once per draft and language: compare with what was seen, then record what is seen now.
  useEffect(() => {
    const abort = new AbortController();
    const storage = browserStorage();
    const seen = lastSeen(storage, recommendationId, lang);
    Promise.all([
      api.getRecommendation(sessionId, token, recommendationId, lang, abort.signal),
      api.getHistory(sessionId, token, recommendationId, abort.signal),
    ]).then(
      ([{ text }, history]) => {
        const newest = history.versions[history.versions.length - 1]?.id ?? null;
        lastVersion.current = newest;
        const unchanged = seen && (seen.truncated ? text.slice(0, MAX_SEEN_TEXT) === seen.text : text === seen.text);
        if (seen && !unchanged) {
          const from = seen.versionId ? history.versions.findIndex((v) => v.id === seen.versionId) + 1 : 0;
          const people = new Map<string, VersionEditor>();
          for (const e of [...history.versions.slice(from).flatMap((v) => v.editors), ...history.editorsSinceLast]) {
            if (e.participantId !== participant.id) people.set(e.participantId, e);
          }
          setChanges({ older: seen.text, newer: text, lang, since: seen.at, editors: [...people.values()] });
        }
        recordSeen(storage, recommendationId, lang, { versionId: newest, text }, Date.now());
      },
      () => {
        // Not worth an alert: the draft itself is on screen; next visit compares again.
      },
    );
    return () => abort.abort();
  }, [sessionId, token, recommendationId, lang, participant.id]);

  // On leaving (another page, or the tab closing), record the live text, every language.
  const key = languages.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for the languages array, rebuilt on every render
  useEffect(() => {
    if (!draft) return;
    const save = () => {
      if (!draft.provider.synced) return;
      const storage = browserStorage();
      for (const l of languages) {
        const text = fragmentToPlainText(draft.ydoc.getXmlFragment(draftBodyField(l, languages)));
        recordSeen(storage, recommendationId, l, { versionId: lastVersion.current, text }, Date.now());
      }
    };
    window.addEventListener('pagehide', save);
    return () => {
      window.removeEventListener('pagehide', save);
      save();
    };
  }, [draft, recommendationId, key]);

  const parts = useMemo(() => (changes ? wordDiff(changes.older, changes.newer) : null), [changes]);
  const when = useMemo(
    () => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }),
    [i18n.language],
  );
  if (!changes || dismissed) return null;
  return (
    <section className="card changes-since" aria-labelledby={`${id}-heading`} data-testid="changes-since">
      <h2 id={`${id}-heading`}>{t('history.since.heading', { time: when.format(new Date(changes.since)) })}</h2>
      <p data-testid="changes-since-editors">
        {changes.editors.length > 0
          ? t('history.since.editors', { names: changes.editors.map((e) => e.name).join(', ') })
          : t('history.since.noEditors')}
      </p>
      <DiffView
        parts={parts}
        lang={changes.lang}
        older={changes.older}
        newer={changes.newer}
        testId="changes-since-diff"
      />
      <p>
        <button type="button" className="button" data-testid="changes-since-dismiss" onClick={() => setDismissed(true)}>
          {t('history.since.dismiss')}
        </button>
      </p>
    </section>
  );
}
