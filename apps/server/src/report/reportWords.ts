import { resources } from '@roundtable/i18n';
import { DEFAULT_TIME_ZONE, type Language, type VoterGroup } from '@roundtable/protocol';
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
   * A catalogue word as a value ("Statut : Adoptée", a table cell): as the catalogue writes
   * it, capitalised like the label on screen (a reader found lowercased values hard to scan).
   */
  word: (key: CatalogueKey) => string;
  /** A date and time in `timeZone`, with the zone's offset stated ("2 décembre 2026 à 14:05 UTC+1"). */
  date: (iso: string) => string;
  /** A figure as the language writes it: "4,25" in French and Dutch, "4.25" in English. */
  number: (n: number) => string;
  /** A duration as minutes and seconds ("1 min 05 s"): tenths of a minute read badly. */
  duration: (ms: number) => string;
  /** Between a label and its value: French typography puts a (narrow) space before the colon. */
  colon: string;
  /** A stored agenda title key (from a template) in words, or the key itself if unknown. */
  agendaTitle: (titleKey: string) => string;
  group: (group: VoterGroup) => string;
  /** Speaking-time languages: the three we ship, plus the queue's "other" and "not given". */
  spokenLanguage: (language: string) => string;
}

/** BCP 47 tags of the report's languages (dates, file metadata). */
export const REPORT_LOCALES: Record<Language, string> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };

/**
 * A fresh i18next instance for one report's language: no global i18next state on the server
 * (reports are rare, an instance is cheap), and the bundled resources make `init` finish
 * synchronously (`initAsync: false`), so the words are ready when this returns. Dates are
 * written in `timeZone`, the session's own (the report states it next to them).
 */
export function reportWords(language: Language, timeZone: string = DEFAULT_TIME_ZONE): ReportWords {
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
  const word = (key: CatalogueKey) => t(key) as string;
  const dateFormat = new Intl.DateTimeFormat(REPORT_LOCALES[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'shortOffset',
  });
  const numberFormat = new Intl.NumberFormat(REPORT_LOCALES[language], { maximumFractionDigits: 2 });
  return {
    language,
    t,
    word,
    number: (n) => numberFormat.format(n),
    colon: t('report.colon'),
    date: (iso) => dateFormat.format(new Date(iso)),
    duration: (ms) => {
      const seconds = Math.round(Math.max(0, ms) / 1000);
      return t('report.duration', {
        minutes: Math.floor(seconds / 60),
        seconds: String(seconds % 60).padStart(2, '0'),
      });
    },
    agendaTitle: (titleKey) => (i18n.exists(titleKey) ? (t(titleKey as CatalogueKey) as string) : titleKey),
    group: (group) => word(group === 'unspecified' ? 'votes.results.groupUnspecified' : `organisationTypes.${group}`),
    spokenLanguage: (lang) =>
      lang === 'fr' || lang === 'nl' || lang === 'en'
        ? t(`languages.${lang}`)
        : word(lang === 'other' ? 'queue.languages.other' : 'queue.languageUnspecified'),
  };
}
