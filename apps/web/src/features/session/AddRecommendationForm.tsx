import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type Language, THEMES, type RecommendationDto, type Theme } from '@roundtable/protocol';
import { api } from '../../lib/api';
import { ErrorAlert } from '../shell/ErrorAlert';
import { FormField } from '../shell/FormField';

interface Props {
  sessionId: string;
  token: string;
  /** The session's themes, offered first; every theme stays available. */
  themes: readonly Theme[];
  /** The session's languages; the first one's title is `title`, the others get a field each. */
  languages?: readonly Language[];
  onAdded: (recommendation: RecommendationDto) => void;
}

/** Facilitators add a recommendation (title, optional theme); its draft opens for everyone. */
export function AddRecommendationForm({ sessionId, token, themes, languages = [], onAdded }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [title, setTitle] = useState('');
  const [titles, setTitles] = useState<Partial<Record<Language, string>>>({});
  const others = languages.slice(1);
  // Kept after adding: facilitators often enter several recommendations of one theme in a row.
  const [theme, setTheme] = useState<Theme | ''>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<string | null>(null);
  const ordered = [...themes, ...THEMES.filter((th) => !themes.includes(th))];

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setAdded(null);
    try {
      const { recommendation } = await api.createRecommendation(sessionId, token, {
        title: title.trim(),
        ...(theme ? { theme } : {}),
        ...(others.some((l) => titles[l]?.trim())
          ? { titles: Object.fromEntries(others.flatMap((l) => (titles[l]?.trim() ? [[l, titles[l]!.trim()]] : []))) }
          : {}),
      });
      onAdded(recommendation);
      setAdded(recommendation.title);
      setTitle('');
      setTitles({});
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('recommendations.add.heading')}</h2>
      <form
        className="form form--inline"
        data-testid="add-recommendation-form"
        aria-labelledby={`${id}-heading`}
        onSubmit={onSubmit}
      >
        <FormField id={`${id}-title`} label={t('recommendations.add.title')}>
          {(control) => (
            <input
              {...control}
              name="title"
              required
              maxLength={200}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          )}
        </FormField>
        {others.map((lang) => (
          <FormField
            key={lang}
            id={`${id}-title-${lang}`}
            label={t('versions.title', { language: t(`languages.${lang}`) })}
          >
            {(control) => (
              <input
                {...control}
                name={`title-${lang}`}
                lang={lang}
                maxLength={200}
                value={titles[lang] ?? ''}
                onChange={(e) => setTitles((ts) => ({ ...ts, [lang]: e.target.value }))}
              />
            )}
          </FormField>
        ))}
        <FormField id={`${id}-theme`} label={t('recommendations.add.theme')}>
          {(control) => (
            <select {...control} name="theme" value={theme} onChange={(e) => setTheme(e.target.value as Theme | '')}>
              <option value="">{t('recommendations.noTheme')}</option>
              {ordered.map((th) => (
                <option key={th} value={th}>
                  {t(`themes.${th}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <button className="button button--primary" type="submit" aria-disabled={busy}>
          {busy ? t('recommendations.add.submitting') : t('recommendations.add.submit')}
        </button>
      </form>
      <ErrorAlert error={error} />
      <p role="status" className="form__status">
        {added && t('recommendations.add.added', { title: added })}
      </p>
    </section>
  );
}
