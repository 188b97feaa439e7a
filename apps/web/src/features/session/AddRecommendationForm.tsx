import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type Language, THEMES, type RecommendationDto, type Theme } from '@roundtable/protocol/client';
import { api } from '../../lib/api';
import { ErrorAlert } from '../shell/ErrorAlert';
import { FormField } from '../shell/FormField';
import { useRecommendationTitle } from '../drafts/recommendationTitle';

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
  const titleInput = useRef<HTMLInputElement>(null);
  const titleOf = useRecommendationTitle();
  const ordered = [...themes, ...THEMES.filter((th) => !themes.includes(th))];

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const submitted = { title: title.trim(), titles };
    setBusy(true);
    setError(null);
    setAdded(null);
    // The fields empty at once and the title keeps (or takes) the focus, so the next
    // recommendation can be typed while this one is sent: nothing typed meanwhile is wiped.
    setTitle('');
    setTitles({});
    titleInput.current?.focus();
    try {
      const { recommendation } = await api.createRecommendation(sessionId, token, {
        title: submitted.title,
        ...(theme ? { theme } : {}),
        ...(others.some((l) => submitted.titles[l]?.trim())
          ? {
              titles: Object.fromEntries(
                others.flatMap((l) => (submitted.titles[l]?.trim() ? [[l, submitted.titles[l]!.trim()]] : [])),
              ),
            }
          : {}),
      });
      onAdded(recommendation);
      setAdded(titleOf(recommendation));
    } catch (err) {
      // Refused: what was sent comes back, unless something new was typed in the meantime.
      setTitle((current) => current || submitted.title);
      setTitles((current) => (Object.values(current).some(Boolean) ? current : submitted.titles));
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
              ref={titleInput}
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
      <p role="status" className="form__status" data-testid="add-recommendation-status">
        {added && t('recommendations.add.added', { title: added })}
      </p>
    </section>
  );
}
