import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '@roundtable/protocol';
import { resources } from '@roundtable/i18n';

export type { Catalogue } from '@roundtable/i18n';

/** French first: most participants of the platform are French speakers, then Dutch. */
export const FALLBACK_LANGUAGE: Language = 'fr';

/** Where the chosen interface language is remembered between visits. */
const LANGUAGE_STORAGE_KEY = 'roundtable.language';

/** Narrows i18next's language (which may be 'fr-BE', 'cimode', ...) to one we ship. */
export function toLanguage(lng: string | undefined): Language {
  const base = lng?.slice(0, 2).toLowerCase();
  return (LANGUAGES as readonly string[]).includes(base ?? '') ? (base as Language) : FALLBACK_LANGUAGE;
}

function syncHtmlLang(lng: string): void {
  document.documentElement.lang = toLanguage(lng);
}

i18next.on('languageChanged', syncHtmlLang);

// Resources are bundled, so init completes synchronously and the first render is translated.
void i18next
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources,
    supportedLngs: [...LANGUAGES],
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: FALLBACK_LANGUAGE,
    interpolation: { escapeValue: false }, // React escapes already
    detection: {
      // A choice made with the switcher wins over the browser's languages.
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      caches: ['localStorage'],
    },
  });

export default i18next;
