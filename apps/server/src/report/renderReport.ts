import { cleanText } from '@roundtable/protocol';
import { escapeMarkdown, markdownBlock } from './escapeMarkdown.js';
import type { Block } from './reportBlocks.js';
import type { ReportColumn } from './reportColumns.js';

/** Markdown has no columns: a bilingual report gives each language in full, one after the other. */
export function toMarkdown(columns: readonly ReportColumn[]): string {
  return columns.map((c) => markdownBlocks(c.blocks)).join('\n---\n\n');
}

function markdownBlocks(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(`${'#'.repeat(b.level)} ${escapeMarkdown(b.text)}`);
        break;
      case 'paragraph':
        out.push(markdownBlock(b.text, ''));
        break;
      case 'list':
        out.push(b.items.map((i) => markdownBlock(i, '- ', '  ')).join('\n'));
        break;
      case 'quote':
        out.push(markdownBlock(b.text, '> '));
        break;
      case 'table':
        out.push(
          [
            `| ${b.head.map(escapeMarkdown).join(' | ')} |`,
            `|${b.head.map(() => ' --- ').join('|')}|`,
            ...b.rows.map((r) => `| ${r.map(escapeMarkdown).join(' | ')} |`),
          ].join('\n'),
        );
        break;
      case 'versions':
        for (const v of b.versions) {
          out.push(markdownBlock(`${v.label} (${v.lang})`, ''), markdownBlock(v.text, '> '));
          if (v.hash) out.push(markdownBlock(v.hash, ''));
        }
        break;
    }
  }
  return `${out.join('\n\n')}\n`;
}

/** HTML-escaped, after the text rule (no bidi override or control reaches the page either). */
const html = (s: string) =>
  cleanText(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** Self-contained: inline styles only, made to print well to PDF. */
const STYLE = `
body{font:11pt/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;max-width:48rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;border-bottom:2px solid #111;padding-bottom:.3rem}h2{font-size:1.3rem;margin-top:2rem;border-bottom:1px solid #999}
h3{font-size:1.1rem}h4{font-size:1rem;margin-bottom:.2rem}blockquote{overflow-wrap:anywhere;margin:.5rem 0;padding:.5rem 1rem;border-left:4px solid #555;background:#f4f4f4;white-space:pre-wrap}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #999;padding:.2rem .6rem;text-align:left;vertical-align:top}
th{background:#eee}.pair{display:grid;grid-template-columns:1fr 1fr;gap:0 1.5rem}.pair>div{min-width:0;overflow-wrap:anywhere}
body.bilingual{max-width:72rem}.versions{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:1rem}.version-label{font-weight:600;margin:.5rem 0 0}@media (max-width:40rem){.pair{grid-template-columns:1fr}}@media print{body{margin:0;max-width:none}h2,h3,h4{break-after:avoid}blockquote,table{break-inside:avoid}}`;

function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}>${html(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${html(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${html(i)}</li>`).join('')}</ul>`;
    case 'quote':
      return `<blockquote>${html(b.text)}</blockquote>`;
    case 'table':
      return `<table><thead><tr>${b.head.map((h) => `<th scope="col">${html(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((c) => `<td>${html(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
    case 'versions':
      // lang comes from the session's languages (fr, nl, en), escaped all the same.
      return `<div class="versions">${b.versions
        .map(
          (v) =>
            `<section lang="${html(v.lang)}"><p class="version-label">${html(v.label)}</p><blockquote>${html(v.text)}</blockquote>${v.hash ? `<p>${html(v.hash)}</p>` : ''}</section>`,
        )
        .join('')}</div>`;
  }
}

/**
 * One page. A bilingual report pairs its columns block for block, one grid row each (the
 * second column's `lang` marks its language for screen readers); narrow screens stack them.
 */
export function toHtml(columns: readonly ReportColumn[], title: string): string {
  const [first, second] = columns;
  if (!first) throw new Error('a report has at least one column');
  const body = second
    ? first.blocks
        .map(
          (b, i) =>
            `<div class="pair"><div lang="${first.locale}">${blockHtml(b)}</div><div lang="${second.locale}">${blockHtml(second.blocks[i]!)}</div></div>`,
        )
        .join('\n')
    : first.blocks.map(blockHtml).join('\n');
  return `<!doctype html>
<html lang="${html(first.language)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${html(title)}</title><style>${STYLE}</style></head>
<body${second ? ' class="bilingual"' : ''}>
<main>
${body}
</main>
</body>
</html>
`;
}
