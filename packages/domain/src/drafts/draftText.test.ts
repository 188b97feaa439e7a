import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fragmentToPlainText } from './draftText.js';

describe('fragmentToPlainText', () => {
  it('joins paragraphs and list items with line breaks and drops formatting', () => {
    const doc = new Y.Doc();
    const body = doc.getXmlFragment('body');
    const p1 = new Y.XmlElement('paragraph');
    const t1 = new Y.XmlText();
    t1.insert(0, 'Garantir ');
    t1.insert(9, 'un accès', { bold: true });
    p1.insert(0, [t1]);
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    const p2 = new Y.XmlElement('paragraph');
    p2.insert(0, [new Y.XmlText('égal.')]);
    item.insert(0, [p2]);
    list.insert(0, [item]);
    body.insert(0, [p1, list, new Y.XmlElement('paragraph')]);
    expect(fragmentToPlainText(body)).toBe('Garantir un accès\négal.\n');
  });
});
