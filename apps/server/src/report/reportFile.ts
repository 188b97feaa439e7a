import { reportBlocks } from './reportBlocks.js';
import { toHtml, toMarkdown } from './renderReport.js';
import { reportWords } from './reportWords.js';
import type { SessionReport } from './SessionReport.js';

import { cleanText, type ReportFormat } from '@roundtable/protocol';

export interface ReportFile {
  contentType: string;
  filename: string;
  body: string;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** A file name that survives every file system: the title reduced to ASCII words. */
function filenameFor(report: SessionReport, format: ReportFormat): string {
  const slug =
    report.session.title
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'session';
  return `roundtable-${slug}-${report.generatedAt.slice(0, 10)}.${format}`;
}

/**
 * The text rule on every string of the JSON record too: what the stored data holds from before
 * the rule (a draft frozen with a CR or a bidi override) leaves in the same form as in Markdown.
 */
const cleanStrings = (_key: string, value: unknown) => (typeof value === 'string' ? cleanText(value) : value);

export function renderReportFile(report: SessionReport, format: ReportFormat): ReportFile {
  const words = reportWords(report.session.language);
  const body =
    format === 'json'
      ? `${JSON.stringify(report, cleanStrings, 2)}\n`
      : format === 'md'
        ? toMarkdown(reportBlocks(report, words))
        : toHtml(
            reportBlocks(report, words),
            report.session.language,
            `${words.t('report.heading')} — ${report.session.title}`,
          );
  return { contentType: CONTENT_TYPES[format], filename: filenameFor(report, format), body };
}
