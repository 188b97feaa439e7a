import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '@roundtable/domain';
import type { Language } from '@roundtable/protocol/client';
import { api } from '../../lib/api';
import { useSessionContext } from '../session/sessionContext';
import { RestoreVersionButton, SaveVersionForm } from '../session/facilitatorTools';
import { ErrorAlert } from '../shell/ErrorAlert';
import { LanguageTabs, preferredLanguage } from '../drafts/LanguageTabs';
import type { DraftVersionDto } from '@roundtable/protocol/client';
import { DiffView } from './DiffView';
import { useHistory } from './useHistory';
import { wordDiff } from './wordDiff';

/** The "to" side may be the draft as it is now rather than a kept version. */
const CURRENT = 'current';

interface Props {
  recommendationId: string;
  languages: readonly Language[];
}

/**
 * A recommendation's history: the versions the server kept (when, why, who edited since the
 * one before), any two of them compared word by word, and for the facilitator "save a version"
 * and "restore this version". Folded until asked for, so nothing is fetched for those who do
 * not look.
 */
export default function HistorySection({ recommendationId, languages }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { role } = useSessionContext();
  const [expanded, setExpanded] = useState(false);
  const { history, error, reload } = useHistory(recommendationId, expanded);
  const manages = can(role, 'manageSession');
  const versions = history?.versions ?? [];
  const time = useMemo(
    () => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }),
    [i18n.language],
  );
  const nameOf = (v: DraftVersionDto) => t('history.versionName', { number: versions.indexOf(v) + 1 });

  return (
    <section className="card history" aria-labelledby={`${id}-heading`} data-testid="history-section">
      <h2 id={`${id}-heading`}>{t('history.heading')}</h2>
      <p>
        <button
          type="button"
          className="button"
          aria-expanded={expanded}
          aria-controls={`${id}-body`}
          data-testid="history-toggle"
          onClick={() => setExpanded((e) => !e)}
        >
          {expanded ? t('history.hide') : t('history.show')}
        </button>
      </p>
      <div id={`${id}-body`} hidden={!expanded}>
        {expanded && (
          <>
            {manages && <SaveVersionForm recommendationId={recommendationId} onSaved={reload} />}
            <ErrorAlert error={error} />
            {!history && !error && <p aria-busy="true">{t('common.loading')}</p>}
            {history && versions.length === 0 && <p>{t('history.none')}</p>}
            {versions.length > 0 && (
              <ol className="history__versions" reversed data-testid="history-versions">
                {[...versions].reverse().map((v) => (
                  <li key={v.id} className="history__version" data-testid="history-version" data-reason={v.reason}>
                    <p className="history__version-title">
                      <strong>{nameOf(v)}</strong> —{' '}
                      <time dateTime={v.createdAt}>{time.format(new Date(v.createdAt))}</time>
                      {' — '}
                      {t(`history.reasons.${v.reason}`)}
                      {v.label && <> — «&nbsp;{v.label}&nbsp;»</>}
                    </p>
                    {v.restoredFrom && (
                      <p className="hint">
                        {t('history.restoredFrom', {
                          name: t('history.versionName', {
                            number: versions.findIndex((o) => o.id === v.restoredFrom) + 1,
                          }),
                        })}
                      </p>
                    )}
                    <p className="hint">
                      {v.editors.length > 0
                        ? t('history.editors', { names: v.editors.map((e) => e.name).join(', ') })
                        : t('history.noEditors')}
                    </p>
                    {manages && (
                      <RestoreVersionButton
                        recommendationId={recommendationId}
                        version={v}
                        name={nameOf(v)}
                        onRestored={reload}
                      />
                    )}
                  </li>
                ))}
              </ol>
            )}
            {history && history.editorsSinceLast.length > 0 && (
              <p className="hint" data-testid="history-editors-since">
                {t('history.editorsSinceLast', { names: history.editorsSinceLast.map((e) => e.name).join(', ') })}
              </p>
            )}
            {versions.length > 0 && (
              <Compare recommendationId={recommendationId} languages={languages} versions={versions} nameOf={nameOf} />
            )}
          </>
        )}
      </div>
    </section>
  );
}

function Compare({
  recommendationId,
  languages,
  versions,
  nameOf,
}: {
  recommendationId: string;
  languages: readonly Language[];
  versions: DraftVersionDto[];
  nameOf: (v: DraftVersionDto) => string;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { sessionId, token } = useSessionContext().credentials;
  const last = versions[versions.length - 1]!;
  // Until the reader picks, compare the last two versions (or the only one with the draft now),
  // following new versions as they are kept.
  const defaults = {
    from: versions.length > 1 ? versions[versions.length - 2]!.id : last.id,
    to: versions.length > 1 ? last.id : CURRENT,
  };
  const [picked, setPicked] = useState<{ from: string; to: string } | null>(null);
  const { from, to } = picked ?? defaults;
  const pick = (side: 'from' | 'to', value: string) => setPicked({ from, to, [side]: value });
  const [lang, setLang] = useState<Language>(() => preferredLanguage(languages, i18n.language));
  const [texts, setTexts] = useState<{ from: string; to: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  // "The draft now" is read again whenever a version is kept (an amendment applied, a restore).
  const lastId = last.id;

  // biome-ignore lint/correctness/useExhaustiveDependencies: lastId is the trigger: "the draft now" changed when a version was kept
  useEffect(() => {
    const abort = new AbortController();
    const textOf = (versionId: string) =>
      versionId === CURRENT
        ? api.getRecommendation(sessionId, token, recommendationId, lang, abort.signal).then((r) => r.text)
        : api.getVersion(sessionId, token, recommendationId, versionId, abort.signal).then((r) => r.texts[lang] ?? '');
    setTexts(null);
    setError(null);
    Promise.all([textOf(from), textOf(to)]).then(
      ([a, b]) => setTexts({ from: a, to: b }),
      (err: unknown) => {
        if (!abort.signal.aborted) setError(err);
      },
    );
    return () => abort.abort();
  }, [sessionId, token, recommendationId, from, to, lang, lastId]);

  const parts = useMemo(() => (texts ? wordDiff(texts.from, texts.to) : null), [texts]);
  const options = (
    <>
      {versions.map((v) => (
        <option key={v.id} value={v.id}>
          {nameOf(v)} — {t(`history.reasons.${v.reason}`)}
          {v.label ? ` — ${v.label}` : ''}
        </option>
      ))}
    </>
  );

  return (
    <section className="history__compare" aria-labelledby={`${id}-heading`} data-testid="history-compare">
      <h3 id={`${id}-heading`}>{t('history.compare.heading')}</h3>
      <div className="history__pickers">
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('history.compare.from')}</label>
          <select
            id={`${id}-from`}
            value={from}
            data-testid="compare-from"
            onChange={(e) => pick('from', e.target.value)}
          >
            {options}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('history.compare.to')}</label>
          <select id={`${id}-to`} value={to} data-testid="compare-to" onChange={(e) => pick('to', e.target.value)}>
            {options}
            <option value={CURRENT}>{t('history.compare.current')}</option>
          </select>
        </div>
      </div>
      {languages.length > 1 && (
        <LanguageTabs languages={languages} value={lang} onChange={setLang} testId="compare-language" />
      )}
      <ErrorAlert error={error} />
      {!texts && !error && <p aria-busy="true">{t('common.loading')}</p>}
      {texts && <DiffView parts={parts} lang={lang} older={texts.from} newer={texts.to} testId="history-diff" />}
    </section>
  );
}
