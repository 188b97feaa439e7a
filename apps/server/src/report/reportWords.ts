import { resources } from '@roundtable/i18n';
import type { Language, VoterGroup } from '@roundtable/protocol';
import { createInstance, type ParseKeys, type TFunction } from 'i18next';

/** A key of the shared catalogue (the web's interface and the report use the same one). */
export type CatalogueKey = ParseKeys<'translation'>;

/**
 * The words of the session report, taken from the same catalogue as the web's interface, so a
 * report says what the screen said ("Welcome and introductions", not a shorter word of its own).
 */
export interface ReportWords {
  language: Language;
  t: TFunction<'translation'>;
  /**
   * A catalogue word inside a sentence or a table cell ("Statut : adoptée"): the interface
   * writes it capitalised as a label, the report lowercases its first letter. Not for language
   * names, which English capitalises everywhere.
   */
  word: (key: CatalogueKey) => string;
  /** Between a label and its value: French typography puts a (narrow) space before the colon. */
  colon: string;
  /** A stored agenda title key (from a template) in words, or the key itself if unknown. */
  agendaTitle: (titleKey: string) => string;
  group: (group: VoterGroup) => string;
  /** Speaking-time languages: the three we ship, plus the queue's "other" and "not given". */
  spokenLanguage: (language: string) => string;
}

/**
 * A fresh i18next instance for one report's language: no global i18next state on the server
 * (reports are rare, an instance is cheap), and the bundled resources make `init` finish
 * synchronously (`initAsync: false`), so the words are ready when this returns.
 */
export function reportWords(language: Language): ReportWords {
  const i18n = createInstance();
  void i18n.init({
    resources,
    lng: language,
    fallbackLng: false,
    initAsync: false,
    // Markdown and HTML escape the report's text themselves.
    interpolation: { escapeValue: false },
  });
  const t = i18n.t.bind(i18n) as TFunction<'translation'>;
  const word = (key: CatalogueKey) => {
    const s = t(key) as string;
    return s.charAt(0).toLocaleLowerCase(language) + s.slice(1);
  };
  return {
    language,
    t,
    word,
    colon: t('report.colon'),
    agendaTitle: (titleKey) => (i18n.exists(titleKey) ? (t(titleKey as CatalogueKey) as string) : titleKey),
    group: (group) => word(group === 'unspecified' ? 'votes.results.groupUnspecified' : `organisationTypes.${group}`),
    spokenLanguage: (lang) =>
      lang === 'fr' || lang === 'nl' || lang === 'en'
        ? t(`languages.${lang}`)
        : word(lang === 'other' ? 'queue.languages.other' : 'queue.languageUnspecified'),
  };
}
