import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ArrivalState } from '../session/SessionHeader';
import {
  LANGUAGES,
  LEVELS,
  SESSION_KINDS,
  THEMES,
  type CreateSessionResponse,
  type Language,
  type Level,
  type SessionKind,
  type Theme,
} from '@roundtable/protocol/client';
import { api } from '../../lib/api';
import { toLanguage } from '../../lib/i18n/i18n';
import { ErrorAlert } from '../shell/ErrorAlert';
import { FormField } from '../shell/FormField';
import { NameField } from '../join/NameField';
import { joinSession } from '../join/joinSession';
import { browserTimeZone, initialTimeZone, timeZoneChoices } from './timeZones';

/** The kind most sessions of the platform are. */
const DEFAULT_KIND: SessionKind = 'round_table';

interface Props {
  labelledBy: string;
}

/** Creates a session, then joins it at once as its facilitator with the name given here. */
export function CreateSessionForm({ labelledBy }: Props) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<SessionKind>(DEFAULT_KIND);
  const [level, setLevel] = useState<Level | ''>('');
  const [place, setPlace] = useState('');
  const [zones] = useState(() => timeZoneChoices(browserTimeZone()));
  const [timeZone, setTimeZone] = useState(() => initialTimeZone(browserTimeZone()));
  const [themes, setThemes] = useState<Theme[]>([]);
  const [language, setLanguage] = useState<Language>(() => toLanguage(i18n.resolvedLanguage));
  /** The session's other languages (api-v1 1.1): each recommendation is written in all of them. */
  const [otherLanguages, setOtherLanguages] = useState<Language[]>([]);
  const languages = [language, ...LANGUAGES.filter((l) => l !== language && otherLanguages.includes(l))];
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Kept when joining fails after creating: a retry must join that session, not create another
  // (its facilitator code exists nowhere else).
  const [created, setCreated] = useState<CreateSessionResponse | null>(null);

  function toggleTheme(theme: Theme, checked: boolean) {
    setThemes((current) => (checked ? [...current, theme] : current.filter((t) => t !== theme)));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      let session = created;
      if (!session) {
        session = await api.createSession({
          title: title.trim(),
          kind,
          language,
          ...(languages.length > 1 ? { languages } : {}),
          // Keep the canonical order whatever the order of clicks.
          themes: THEMES.filter((theme) => themes.includes(theme)),
          ...(level ? { level } : {}),
          ...(place.trim() ? { place: place.trim() } : {}),
          timeZone,
        });
        setCreated(session);
      }
      const joined = await joinSession({ code: session.codes.facilitator, name });
      void navigate(`/s/${encodeURIComponent(joined.sessionId)}`, { state: { arrived: true } satisfies ArrivalState });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <form className="form" data-testid="create-form" aria-labelledby={labelledBy} onSubmit={onSubmit}>
      <FormField id={`${id}-title`} label={t('create.title')}>
        {(control) => (
          <input
            {...control}
            name="title"
            required
            maxLength={200}
            value={title}
            readOnly={created !== null}
            onChange={(e) => setTitle(e.target.value)}
          />
        )}
      </FormField>
      <FormField id={`${id}-kind`} label={t('create.kind')}>
        {(control) => (
          <select {...control} name="kind" value={kind} onChange={(e) => setKind(e.target.value as SessionKind)}>
            {SESSION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id={`${id}-level`} label={t('create.level')} optional>
        {(control) => (
          <select {...control} name="level" value={level} onChange={(e) => setLevel(e.target.value as Level | '')}>
            <option value="">{t('create.levelNone')}</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`levels.${l}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id={`${id}-place`} label={t('create.place')} hint={t('create.placeHint')} optional>
        {(control) => (
          <input
            {...control}
            name="place"
            maxLength={120}
            autoComplete="off"
            value={place}
            readOnly={created !== null}
            onChange={(e) => setPlace(e.target.value)}
          />
        )}
      </FormField>
      <FormField id={`${id}-time-zone`} label={t('create.timeZone')} hint={t('create.timeZoneHint')}>
        {(control) => (
          <select {...control} name="timeZone" value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <fieldset className="field checkboxes">
        <legend>
          {t('create.themes')} <span className="optional">{t('common.optional')}</span>
        </legend>
        {THEMES.map((theme) => (
          <label key={theme} className="checkbox">
            <input
              type="checkbox"
              name="themes"
              value={theme}
              checked={themes.includes(theme)}
              onChange={(e) => toggleTheme(theme, e.target.checked)}
            />
            {t(`themes.${theme}`)}
          </label>
        ))}
      </fieldset>
      <FormField id={`${id}-language`} label={t('create.language')}>
        {(control) => (
          <select
            {...control}
            name="language"
            value={language}
            onChange={(e) => setLanguage(e.target.value as Language)}
          >
            {LANGUAGES.map((lng) => (
              <option key={lng} value={lng}>
                {t(`languages.${lng}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <fieldset className="field checkboxes" aria-describedby={`${id}-languages-hint`}>
        <legend>
          {t('create.languages')} <span className="optional">{t('common.optional')}</span>
        </legend>
        <p className="hint" id={`${id}-languages-hint`}>
          {t('create.languagesHint')}
        </p>
        {LANGUAGES.filter((l) => l !== language).map((lng) => (
          <label key={lng} className="checkbox">
            <input
              type="checkbox"
              name="languages"
              value={lng}
              data-testid={`create-language-${lng}`}
              checked={otherLanguages.includes(lng)}
              onChange={(e) =>
                setOtherLanguages((ls) => (e.target.checked ? [...ls, lng] : ls.filter((l) => l !== lng)))
              }
            />
            {t(`languages.${lng}`)}
          </label>
        ))}
      </fieldset>
      <NameField
        id={`${id}-name`}
        label={t('create.yourName')}
        hint={t('create.yourNameHint')}
        value={name}
        onChange={setName}
      />
      <ErrorAlert error={error} />
      <button className="button button--primary" type="submit" aria-disabled={busy}>
        {busy ? t('create.submitting') : t('create.submit')}
      </button>
    </form>
  );
}
