import { useTranslation } from 'react-i18next';
import type { Language } from '@roundtable/protocol/client';
import { toLanguage } from '../../lib/i18n/i18n';

/** The version a reader starts on: their interface language if the text has it, else the first. */
export function preferredLanguage(languages: readonly Language[], uiLanguage: string | undefined): Language {
  const ui = toLanguage(uiLanguage);
  return languages.includes(ui) ? ui : languages[0]!;
}

/**
 * A switch between the language versions of one text (draft, frozen text, projector). Toggle
 * buttons rather than tabs: the versions may also all be shown side by side, and a pressed
 * button reads the same to a screen reader in both layouts.
 */
export function LanguageTabs({
  languages,
  value,
  onChange,
  controls,
  testId = 'version-switch',
}: {
  languages: readonly Language[];
  value: Language;
  onChange: (lang: Language) => void;
  /** Id of the element showing the chosen version. */
  controls?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="version-switch" data-testid={testId}>
      <legend className="visually-hidden">{t('versions.switch')}</legend>
      {languages.map((lang) => (
        <button
          key={lang}
          type="button"
          className="version-switch__button"
          lang={lang}
          aria-pressed={value === lang}
          aria-controls={controls}
          data-testid={`${testId}-${lang}`}
          onClick={() => onChange(lang)}
        >
          {t(`languages.${lang}`)}
        </button>
      ))}
    </fieldset>
  );
}
