import { useTranslation } from 'react-i18next';
import type { Language } from '@roundtable/protocol/client';
import { changeCount, type DiffPart } from './wordDiff';

interface Props {
  parts: DiffPart[] | null;
  lang: Language;
  /** The two texts, shown whole when they are too different to diff word by word. */
  older: string;
  newer: string;
  testId?: string;
}

/**
 * A word-level diff in words as well as marks: deleted runs struck (<del>), inserted ones
 * underlined (<ins>), each starting with hidden words for screen readers, and a summary line
 * counting them, so neither colour nor the marks alone carry the change.
 */
export function DiffView({ parts, lang, older, newer, testId = 'diff' }: Props) {
  const { t } = useTranslation();
  if (parts === null) {
    return (
      <div className="diff" data-testid={testId}>
        <p className="hint">{t('history.diff.tooDifferent')}</p>
        <p className="diff__text">
          <del lang={lang}>
            <span className="visually-hidden">{t('amendments.change.deletedStart')} </span>
            {older}
          </del>
        </p>
        <p className="diff__text">
          <ins lang={lang}>
            <span className="visually-hidden">{t('amendments.change.insertedStart')} </span>
            {newer}
          </ins>
        </p>
      </div>
    );
  }
  const { deleted, inserted } = changeCount(parts);
  return (
    <div className="diff" data-testid={testId}>
      <p className="diff__summary" data-testid={`${testId}-summary`}>
        {deleted + inserted === 0
          ? t('history.diff.same')
          : `${t('history.diff.deletions', { count: deleted })}, ${t('history.diff.insertions', { count: inserted })}`}
      </p>
      <p className="diff__text" lang={lang}>
        {parts.map((p, i) =>
          p.kind === 'same' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: a diff is rendered whole each time; parts have no identity
            <span key={i}>{p.text}</span>
          ) : p.kind === 'deleted' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above
            <del key={i}>
              <span className="visually-hidden">[{t('history.diff.deleted')}: </span>
              {p.text}
              <span className="visually-hidden">]</span>
            </del>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above
            <ins key={i}>
              <span className="visually-hidden">[{t('history.diff.inserted')}: </span>
              {p.text}
              <span className="visually-hidden">]</span>
            </ins>
          ),
        )}
      </p>
    </div>
  );
}
