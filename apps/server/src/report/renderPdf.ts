import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces.js';
import { cleanText } from '@roundtable/protocol';
import type { Block } from './reportBlocks.js';
import type { ReportColumn } from './reportColumns.js';

/*
 * pdfmake lays the PDF out in JavaScript (pdfkit underneath): no browser on the server.
 * Its fonts are the Roboto files it ships; they cover Latin, Greek and Cyrillic.
 */
const require = createRequire(import.meta.url);
const FONTS = require('pdfmake/fonts/Roboto.js') as TFontDictionary;
const FONT_DIR = dirname(require.resolve('pdfmake/fonts/Roboto.js'));

pdfmake.setFonts(FONTS);
// A document definition could name an image by URL or path; ours never does, and nothing
// user-written becomes one, but the policies make sure only the font files are ever read.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => path.startsWith(FONT_DIR));

/**
 * pdfmake breaks lines at spaces only: a word wider than a column would run off the page.
 * A zero-width space every few characters of such a word gives it places to break.
 */
const LONG_WORD = /\S{30,}/g;
const breakable = (s: string) => s.replace(LONG_WORD, (w) => w.replace(/(.{20})/gu, '$1\u200b'));

/**
 * Roboto has no narrow no-break space (U+202F, French before a colon): it would print as a
 * box. The no-break space it has keeps the colon on the same line just as well.
 */
const text = (s: string) => breakable(cleanText(s).replace(/\u202f/g, '\u00a0'));

/** Texts up to this many characters are kept on one page with their language's name. */
const UNBREAKABLE_TEXT = 1500;
/**
 * Tables with more columns than this (a score vote's results per group: one column per
 * option) are too wide for half a page: in a bilingual report they take the page's width,
 * the French above the Dutch, instead of running past the margin side by side.
 */
const MAX_SIDE_BY_SIDE_COLUMNS = 3;

const QUOTE_LAYOUT = {
  hLineWidth: () => 0,
  vLineWidth: (i: number) => (i === 0 ? 3 : 0),
  vLineColor: () => '#555555',
  paddingLeft: () => 8,
  paddingTop: () => 4,
  paddingBottom: () => 4,
};

function blockContent(b: Block): Content {
  switch (b.kind) {
    case 'heading':
      return { text: text(b.text), style: `h${b.level}`, headlineLevel: b.level };
    case 'paragraph':
      return { text: text(b.text), margin: [0, 2, 0, 4] };
    case 'list':
      return { ul: b.items.map(text), margin: [0, 2, 0, 6] };
    case 'quote':
      return {
        table: { widths: ['*'], body: [[{ text: text(b.text), fillColor: '#f4f4f4' }]] },
        layout: QUOTE_LAYOUT,
        margin: [0, 2, 0, 6],
      };
    case 'table':
      return {
        table: {
          headerRows: 1,
          // The head row never stays alone at the foot of a page.
          keepWithHeaderRows: 1,
          widths: b.head.map((_, i) => (i === 0 ? '*' : 'auto')),
          body: [
            b.head.map((h) => ({ text: text(h), bold: true, fillColor: '#eeeeee' })),
            ...b.rows.map((r) => r.map(text)),
          ],
        },
        margin: [0, 2, 0, 8],
      };
    case 'versions':
      return {
        stack: b.versions.map((v) => ({
          stack: [
            blockContent({ kind: 'paragraph', text: v.label }),
            blockContent({ kind: 'quote', text: v.text }),
            ...(v.hash ? [blockContent({ kind: 'paragraph', text: v.hash })] : []),
          ],
          // A language's name stays with its text (it was left alone at the foot of a page);
          // a text longer than about half a page may still break.
          unbreakable: v.text.length <= UNBREAKABLE_TEXT,
        })),
      };
  }
}

/**
 * A PDF of the report (A4). One column: the blocks in order. Two: one row of two columns per
 * pair of blocks, so each French line sits beside its Dutch one even across pages.
 */
export async function toPdf(columns: readonly ReportColumn[], title: string): Promise<Buffer> {
  const [first, second] = columns;
  if (!first) throw new Error('a report has at least one column');
  const content: Content[] = second
    ? first.blocks.map((b, i): Content => {
        // reportColumns checked that both columns have the same shape.
        const other = second.blocks[i]!;
        if (b.kind === 'table' && b.head.length > MAX_SIDE_BY_SIDE_COLUMNS) {
          return { stack: [blockContent(b), blockContent(other)] };
        }
        return {
          columns: [
            { stack: [blockContent(b)], width: '*' },
            { stack: [blockContent(other)], width: '*' },
          ],
          columnGap: 14,
        };
      })
    : first.blocks.map(blockContent);
  const definition: TDocumentDefinitions = {
    content,
    pageSize: 'A4',
    pageMargins: [40, 48, 40, 48],
    // A heading is never the last thing on a page: one starting in its last eighth, or with
    // nothing after it there, moves to the next page with what it heads.
    pageBreakBefore: (node, nodes) =>
      node.headlineLevel !== undefined &&
      (node.startPosition.verticalRatio > 0.875 || nodes.getFollowingNodesOnPage().length === 0),
    language: first.locale,
    info: { title: cleanText(title).replace(/\n/g, ' '), creator: 'Roundtable', producer: 'Roundtable' },
    defaultStyle: { font: 'Roboto', fontSize: second ? 8.5 : 10, lineHeight: 1.2 },
    styles: {
      h1: { fontSize: second ? 15 : 18, bold: true, margin: [0, 0, 0, 8] },
      h2: { fontSize: second ? 12.5 : 14, bold: true, margin: [0, 12, 0, 4] },
      h3: { fontSize: second ? 10.5 : 12, bold: true, margin: [0, 8, 0, 3] },
      h4: { fontSize: second ? 9.5 : 11, bold: true, margin: [0, 6, 0, 2] },
    },
    footer: (page: number, pages: number) => ({
      text: `${page} / ${pages}`,
      alignment: 'center',
      fontSize: 8,
      color: '#555555',
    }),
  };
  return pdfmake.createPdf(definition).getBuffer();
}
