import { useTranslation } from 'react-i18next';
import type { Language } from '@roundtable/protocol/client';

/**
 * An amendment's change, said in words as well as shown: "Replace" the struck passage "with"
 * the marked one, or "Delete" it, or "Insert". The visible words carry the meaning for sighted
 * readers (never colour alone); <del> and <ins> start with hidden words for screen readers,
 * which do not announce those elements by default.
 */
export function PassageChange({
  original,
  replacement,
  lang,
}: {
  original: string;
  replacement: string;
  lang: Language;
}) {
  const { t } = useTranslation();
  const deleted = (
    <del className="passage passage--deleted" lang={lang} data-testid="amendment-deleted">
      <span className="visually-hidden">{t('amendments.change.deletedStart')} </span>
      {original}
    </del>
  );
  const inserted = (
    <ins className="passage passage--inserted" lang={lang} data-testid="amendment-inserted">
      <span className="visually-hidden">{t('amendments.change.insertedStart')} </span>
      {replacement}
    </ins>
  );
  if (replacement === '') {
    return (
      <p className="passage-change">
        <span className="passage-change__word" aria-hidden="true">
          {t('amendments.change.delete')}
        </span>{' '}
        {deleted}
      </p>
    );
  }
  return (
    <dl className="passage-change">
      <dt className="passage-change__word">{t('amendments.change.replace')}</dt>
      <dd>{deleted}</dd>
      <dt className="passage-change__word">{t('amendments.change.with')}</dt>
      <dd>{inserted}</dd>
    </dl>
  );
}
