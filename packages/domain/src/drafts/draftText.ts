import { cleanText } from '@roundtable/protocol/client';
import * as Y from 'yjs';

/**
 * Plain text of a ProseMirror-shaped XmlFragment (a draft's `body` or `body_<lang>`): each
 * textblock (an element whose children are text) is one line; containers (lists, quotes) are
 * walked; formatting is dropped. api-v1: paragraphs joined by "\n". The server freezes, hashes
 * and reports this text, and the web compares versions with it: one walk for both. Imported as
 * `@roundtable/domain/draftText`, so the package's main entry stays free of Yjs.
 *
 * A Yjs update cannot be refused per character, so a client can type what REST refuses (CR,
 * NUL, bidi overrides, lone surrogates). The text is cleaned here, with the protocol's one text
 * rule, because this is what votes freeze (and hash) and what the report prints: a CR would
 * otherwise start a new Markdown line outside the quote of the draft.
 */
export function fragmentToPlainText(fragment: Y.XmlFragment): string {
  const lines: string[] = [];
  const walk = (node: Y.XmlElement | Y.XmlFragment) => {
    const children = node.toArray();
    const isTextblock = children.length === 0 || children.every((c) => c instanceof Y.XmlText);
    if (isTextblock && node instanceof Y.XmlElement) {
      lines.push(children.map((c) => textOf(c as Y.XmlText)).join(''));
      return;
    }
    for (const child of children) {
      if (child instanceof Y.XmlText) lines.push(textOf(child));
      else walk(child as Y.XmlElement);
    }
  };
  walk(fragment);
  return cleanText(lines.join('\n'));
}

/** The characters of a text node, without formatting marks (toString would render them as tags). */
function textOf(t: Y.XmlText): string {
  return t
    .toDelta()
    .map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');
}
