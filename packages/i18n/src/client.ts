import type { Catalogue } from './index.js';

/**
 * The browser's entry: no catalogue is bundled here. Each is a chunk of its own, loaded for the
 * reader's language before the first render (and preloaded from index.html, see
 * `apps/web/firstLoadPreload.ts`), the others only when the reader switches language (issue #12:
 * ~16 KiB brotli of three catalogues on a 400 kbit/s link). The server keeps `./index.ts`.
 */

/** The one i18next namespace (the same as `NAMESPACE` of the full entry). */
export const NAMESPACE = 'translation';

export const CATALOGUE_LANGUAGES = ['fr', 'nl', 'en'] as const;
export type CatalogueLanguage = (typeof CATALOGUE_LANGUAGES)[number];

/** Loads one language's catalogue (a lazy chunk: fetched once, then from the module map). */
export const loadCatalogue: Record<CatalogueLanguage, () => Promise<Catalogue>> = {
  fr: () => import('./fr.json', { with: { type: 'json' } }).then((m) => m.default),
  nl: () => import('./nl.json', { with: { type: 'json' } }).then((m) => m.default),
  en: () => import('./en.json', { with: { type: 'json' } }).then((m) => m.default),
};

/**
 * Each language's name in itself (`languages.<lng>` of its own catalogue), for the language
 * switcher, which must speak every language without loading every catalogue.
 * `catalogues.test.ts` checks them against the catalogues.
 */
export const LANGUAGE_NAMES: Record<CatalogueLanguage, string> = {
  fr: 'Français',
  nl: 'Nederlands',
  en: 'English',
};

/**
 * `votes.motionQuestion` of every catalogue: the question the server words when the facilitator
 * gave none, which the web must recognise in any language to reword it in the reader's one.
 * `catalogues.test.ts` checks them against the catalogues.
 */
export const MOTION_QUESTION_TEMPLATES: Record<CatalogueLanguage, string> = {
  fr: 'Adoptez-vous la recommandation « {{title}} » ?',
  nl: 'Neemt u de aanbeveling “{{title}}” aan?',
  en: 'Do you adopt the recommendation “{{title}}”?',
};

/** A motion question as the server words it, in `language`, about `title`. */
export function motionQuestionIn(language: CatalogueLanguage, title: string): string {
  return MOTION_QUESTION_TEMPLATES[language].replace('{{title}}', () => title);
}
