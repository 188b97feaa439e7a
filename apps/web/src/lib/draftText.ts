import { cleanText } from '@roundtable/protocol';
import * as Y from 'yjs';

/**
 * Plain text of a draft's XmlFragment, as the server computes it (api-v1: paragraphs joined
 * by "\n"; the same walk as apps/server/src/collab/plainText.ts, which the web may not
 * import): each textblock is one line, containers are walked, formatting is dropped.
 */
export function draftPlainText(fragment: Y.XmlFragment): string {
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

function textOf(t: Y.XmlText): string {
  return t
    .toDelta()
    .map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');
}
