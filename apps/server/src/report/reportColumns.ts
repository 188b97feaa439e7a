import type { Language, ReportLanguage } from '@roundtable/protocol';
import { type Block, reportBlocks } from './reportBlocks.js';
import { REPORT_LOCALES, type ReportWords, reportWords } from './reportWords.js';
import type { SessionReport } from './SessionReport.js';

/** The report laid out in one language: what one column of a (bilingual) file shows. */
export interface ReportColumn {
  language: Language;
  /** BCP 47 tag for the file's language metadata (`fr-BE`, `nl-BE`, `en-GB`). */
  locale: string;
  words: ReportWords;
  blocks: Block[];
}

/** The languages a `lang` query asks for; without one, the session's language. */
export function reportLanguages(report: SessionReport, lang: ReportLanguage | undefined): Language[] {
  if (lang === 'fr+nl') return ['fr', 'nl'];
  return [lang ?? report.session.language];
}

/**
 * One column per language. Both come from the same model and `reportBlocks` lays blocks out
 * from the data alone, so the columns pair block for block; that is checked here, so a
 * renderer can put block i of one beside block i of the other.
 */
export function reportColumns(report: SessionReport, languages: readonly Language[]): ReportColumn[] {
  const columns = languages.map((language) => {
    const words = reportWords(language, report.timeZone);
    return { language, locale: REPORT_LOCALES[language], words, blocks: reportBlocks(report, words) };
  });
  const [first, ...others] = columns;
  for (const other of others) {
    const same =
      other.blocks.length === first!.blocks.length &&
      other.blocks.every((b, i) => {
        const a = first!.blocks[i]!;
        return a.kind === b.kind && (a.kind !== 'list' || b.kind !== 'list' || a.items.length === b.items.length);
      });
    if (!same) throw new Error(`report columns ${first!.language} and ${other.language} do not pair up`);
  }
  return columns;
}
