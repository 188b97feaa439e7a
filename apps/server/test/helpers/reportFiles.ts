import { strFromU8, unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { expect } from 'vitest';

/* Opening the report's files as a reader's software would: the DOCX unzipped, the PDF's text by pdf.js. */

/** The text of word/document.xml, tags removed and entities decoded, one space between paragraphs. */
export const docxXml = (file: Uint8Array) => strFromU8(unzipSync(file)['word/document.xml']!);
export const docxText = (xml: string) =>
  xml
    .replace(/<\/w:p>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
export async function pdfText(file: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: file, disableFontFace: true, useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    // pdf.js gives words and the spaces between them as items; a line's end is marked.
    pages.push(content.items.map((item) => ('str' in item ? `${item.str}${item.hasEOL ? ' ' : ''}` : '')).join(''));
  }
  await pdf.destroy();
  // Long words carry zero-width spaces so they can break; a reader does not see them. The
  // French no-break space before a colon becomes a space, like every other.
  return pages
    .join(' ')
    .replace(/\u200b/g, '')
    .replace(/\s+/g, ' ');
}
/** Each of `needles` is found, in this order. */
export function expectInOrder(text: string, needles: string[]): void {
  let from = 0;
  for (const needle of needles) {
    const at = text.indexOf(needle, from);
    expect(at, `"${needle}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + needle.length;
  }
}
