import { cleanText, type ReportFormat, type ReportLanguage } from '@roundtable/protocol';
import { reportColumns, reportLanguages } from './reportColumns.js';
import { toDocx } from './renderDocx.js';
import { toPdf } from './renderPdf.js';
import { toHtml, toMarkdown } from './renderReport.js';
import type { SessionReport } from './SessionReport.js';

export interface ReportFile {
  contentType: string;
  filename: string;
  body: string | Buffer;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  json: 'application/json; charset=utf-8',
};

/** A file name that survives every file system: the title reduced to ASCII words, then the languages. */
function filenameFor(report: SessionReport, format: ReportFormat, languages: readonly string[]): string {
  const slug =
    report.session.title
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'session';
  const langs = format === 'json' ? '' : `-${languages.join('-')}`;
  // The day in the session's zone (en-CA writes YYYY-MM-DD), as the report's dates are.
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: report.timeZone }).format(new Date(report.generatedAt));
  return `roundtable-${slug}-${day}${langs}.${format}`;
}

/**
 * The text rule on every string of the JSON record too: what the stored data holds from before
 * the rule (a draft frozen with a CR or a bidi override) leaves in the same form as in Markdown.
 */
const cleanStrings = (_key: string, value: unknown) => (typeof value === 'string' ? cleanText(value) : value);

/**
 * The report in one format. Every format but JSON (keys, not words) renders the same blocks,
 * laid out from the one model, in the asked language or French and Dutch side by side.
 */
export async function renderReportFile(
  report: SessionReport,
  format: ReportFormat,
  lang?: ReportLanguage,
): Promise<ReportFile> {
  const languages = reportLanguages(report, lang);
  const file = (body: string | Buffer): ReportFile => ({
    contentType: CONTENT_TYPES[format],
    filename: filenameFor(report, format, languages),
    body,
  });
  if (format === 'json') return file(`${JSON.stringify(report, cleanStrings, 2)}\n`);
  const columns = reportColumns(report, languages);
  const heading = report.audience === 'public' ? 'report.publicSummary.heading' : 'report.heading';
  const title = columns.map((c) => `${c.words.t(heading)} — ${report.session.title}`).join(' / ');
  switch (format) {
    case 'md':
      return file(toMarkdown(columns));
    case 'html':
      return file(toHtml(columns, title));
    case 'docx':
      return file(await toDocx(columns, title));
    case 'pdf':
      return file(await toPdf(columns, title));
  }
}
