import i18next, { type BackendModule } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '@roundtable/protocol/client';
import { loadCatalogue } from '@roundtable/i18n/client';

export type { Catalogue } from '@roundtable/i18n';

/** French first: most participants of the platform are French speakers, then Dutch. */
export const FALLBACK_LANGUAGE: Language = 'fr';

/** Where the chosen interface language is remembered between visits. */
export const LANGUAGE_STORAGE_KEY = 'roundtable.language';

/** Narrows i18next's language (which may be 'fr-BE', 'cimode', ...) to one we ship. */
export function toLanguage(lng: string | undefined): Language {
  const base = lng?.slice(0, 2).toLowerCase();
  return (LANGUAGES as readonly string[]).includes(base ?? '') ? (base as Language) : FALLBACK_LANGUAGE;
}

function syncHtmlLang(lng: string): void {
  document.documentElement.lang = toLanguage(lng);
}

/**
 * Only the reader's catalogue is fetched (a lazy chunk, preloaded from index.html by
 * `firstLoadPreload.ts`); another one only when the reader switches to its language, and
 * i18next switches once it has arrived (issue #12: the three were ~16 KiB brotli of the entry).
 */
const catalogueBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(lng, _ns, callback) {
    loadCatalogue[toLanguage(lng)]().then(
      (catalogue) => callback(null, catalogue),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), false),
    );
  },
};

i18next.on('languageChanged', syncHtmlLang);

/**
 * Resolves once the reader's catalogue is there: the app renders after it, so the first
 * render is translated. The first of the stored choice and the browser's languages that is
 * ours wins, French otherwise (`firstLoadPreload.ts` picks the same).
 */
export const i18nReady: Promise<unknown> = i18next
  .use(catalogueBackend)
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    supportedLngs: [...LANGUAGES],
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    // French when no language of the browser is ours; no second catalogue behind the reader's
    // one: every catalogue has every key (catalogues.test.ts).
    fallbackLng: { fr: [], nl: [], en: [], default: [FALLBACK_LANGUAGE] },
    interpolation: { escapeValue: false }, // React escapes already
    detection: {
      // A choice made with the switcher wins over the browser's languages.
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      caches: ['localStorage'],
    },
  });

export default i18next;
