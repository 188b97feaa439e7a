import type { AttendanceRow } from '@roundtable/protocol';
import type { ReportWords } from '../report/reportWords.js';

/**
 * A spreadsheet runs a cell that starts with one of these as a formula (CSV injection:
 * a participant named `=HYPERLINK(...)` or `=cmd|...`). Such a cell is prefixed with an
 * apostrophe, which spreadsheets show as text (OWASP's advice).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: always quoted, inner quotes doubled, formulas defused. */
export function csvCell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/** The attendance as CSV (RFC 4180, CRLF), headings in the session's language. */
export function attendanceCsv(people: readonly AttendanceRow[], w: ReportWords): string {
  const yesNo = (b: boolean) => w.t(b ? 'people.csv.yes' : 'people.csv.no');
  const header = [
    w.t('people.csv.name'),
    w.t('people.csv.organisation'),
    w.t('people.csv.type'),
    w.t('people.csv.role'),
    w.t('people.csv.invited'),
    w.t('people.csv.firstSeenAt'),
    w.t('people.csv.lastSeenAt'),
    w.t('people.csv.online'),
  ];
  const rows = people.map((p) => [
    p.name,
    p.organisation ?? '',
    p.organisationType ? w.t(`organisationTypes.${p.organisationType}`) : '',
    w.t(`roles.${p.role}`),
    yesNo(p.invited),
    p.firstSeenAt ?? '',
    p.lastSeenAt ?? '',
    yesNo(p.online),
  ]);
  return `${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
