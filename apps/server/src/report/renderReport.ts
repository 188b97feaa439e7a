import { cleanText } from '@roundtable/protocol';
import { escapeMarkdown, markdownBlock } from './escapeMarkdown.js';
import type { Block } from './reportBlocks.js';

export function toMarkdown(blocks: readonly Block[]): string {
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
          out.push(markdownBlock(`${v.label} (${v.lang})`, ''), markdownBlock(v.text, '> '), markdownBlock(v.hash, ''));
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
h3{font-size:1.1rem}h4{font-size:1rem;margin-bottom:.2rem}blockquote{margin:.5rem 0;padding:.5rem 1rem;border-left:4px solid #555;background:#f4f4f4;white-space:pre-wrap}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #999;padding:.2rem .6rem;text-align:left;vertical-align:top}
th{background:#eee}.versions{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:1rem}
.version-label{font-weight:600;margin:.5rem 0 0}@media print{body{margin:0;max-width:none}h2,h3,h4{break-after:avoid}blockquote,table{break-inside:avoid}}`;

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
            `<section lang="${html(v.lang)}"><p class="version-label">${html(v.label)}</p><blockquote>${html(v.text)}</blockquote><p>${html(v.hash)}</p></section>`,
        )
        .join('')}</div>`;
  }
}

export function toHtml(blocks: readonly Block[], language: string, title: string): string {
  const body = blocks.map(blockHtml).join('\n');
  return `<!doctype html>
<html lang="${html(language)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${html(title)}</title><style>${STYLE}</style></head>
<body>
${body}
</body>
</html>
`;
}
