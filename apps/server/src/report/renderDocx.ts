import {
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { cleanText } from '@roundtable/protocol';
import type { Block } from './reportBlocks.js';
import type { ReportColumn } from './reportColumns.js';

const HEADINGS = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
  4: HeadingLevel.HEADING_4,
} as const;

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

/**
 * The runs of one text: the text rule applied (the docx package escapes XML itself; the rule
 * removes what XML 1.0 cannot hold and the bidi overrides), each line break a Word break.
 */
function runs(text: string, lang: string, bold = false): TextRun[] {
  return cleanText(text)
    .split('\n')
    .map(
      (line, i) =>
        new TextRun({
          text: line,
          ...(i > 0 ? { break: 1 } : {}),
          ...(bold ? { bold } : {}),
          language: { value: lang },
        }),
    );
}

function table(head: string[], rows: string[][], lang: string): Table {
  const cell = (text: string, header: boolean) =>
    new TableCell({
      children: [new Paragraph({ children: runs(text, lang, header) })],
      ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEEEEE' } } : {}),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c, false)) })),
    ],
  });
}

function blockElements(b: Block, lang: string): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      // keepNext: a heading is never the last line of a page.
      return [new Paragraph({ heading: HEADINGS[b.level], keepNext: true, children: runs(b.text, lang) })];
    case 'paragraph':
      return [new Paragraph({ children: runs(b.text, lang) })];
    case 'list':
      return b.items.map((i) => new Paragraph({ bullet: { level: 0 }, children: runs(i, lang) }));
    case 'quote':
      return [
        new Paragraph({
          indent: { left: 360 },
          border: { left: { style: BorderStyle.SINGLE, size: 18, color: '555555', space: 8 } },
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F4F4F4' },
          children: runs(b.text, lang),
        }),
      ];
    case 'table':
      // Word wants a paragraph after a table, above all inside a cell.
      return [table(b.head, b.rows, lang), new Paragraph({})];
    case 'versions':
      // One after the other, each in its own language (spell checkers follow the run's language).
      return b.versions.flatMap((v) => [
        // The language's name stays on the page of its text.
        new Paragraph({ keepNext: true, children: runs(v.label, v.lang) }),
        ...blockElements({ kind: 'quote', text: v.text }, v.lang),
        ...(v.hash ? blockElements({ kind: 'paragraph', text: v.hash }, lang) : []),
      ]);
  }
}

/**
 * A Word document of the report. One column: the blocks in order. Two: a borderless table,
 * one row per pair of blocks, so each French line sits beside its Dutch one.
 */
export async function toDocx(columns: readonly ReportColumn[], title: string): Promise<Buffer> {
  const [first, second] = columns;
  if (!first) throw new Error('a report has at least one column');
  const children: (Paragraph | Table)[] = second
    ? [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          columnWidths: [4680, 4680],
          borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
          rows: first.blocks.map(
            (b, i) =>
              new TableRow({
                cantSplit: b.kind === 'heading',
                children: [
                  new TableCell({
                    width: { size: 50, type: WidthType.PERCENTAGE },
                    children: blockElements(b, first.locale),
                  }),
                  new TableCell({
                    width: { size: 50, type: WidthType.PERCENTAGE },
                    // reportColumns checked that both columns have the same shape.
                    children: blockElements(second.blocks[i]!, second.locale),
                  }),
                ],
              }),
          ),
        }),
        new Paragraph({}),
      ]
    : first.blocks.flatMap((b) => blockElements(b, first.locale));
  const doc = new Document({
    title: cleanText(title).replace(/\n/g, ' '),
    creator: 'Roundtable',
    styles: {
      default: {
        document: {
          run: { font: 'Calibri', size: 22, language: { value: first.locale } },
          paragraph: { spacing: { after: 80 } },
        },
        heading1: { paragraph: { spacing: { after: 160 } } },
        heading2: { paragraph: { spacing: { before: 320, after: 120 } } },
        heading3: { paragraph: { spacing: { before: 200, after: 80 } } },
        heading4: { paragraph: { spacing: { before: 160, after: 60 } } },
      },
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
