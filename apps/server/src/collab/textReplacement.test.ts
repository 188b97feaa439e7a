import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fragmentToPlainText } from '@roundtable/domain/draftText';
import { replaceText } from './textReplacement.js';

type Runs = [string, Record<string, unknown>?][];

/** A body of paragraphs, each a string (one plain run) or its formatted runs. */
function docWith(paragraphs: (string | Runs)[]): Y.Doc {
  const doc = new Y.Doc();
  const body = doc.getXmlFragment('body');
  doc.transact(() => {
    for (const p of paragraphs) {
      const el = new Y.XmlElement('paragraph');
      body.push([el]);
      const text = new Y.XmlText();
      el.push([text]);
      let at = 0;
      for (const [t, attrs] of typeof p === 'string' ? ([[p]] as Runs) : p) {
        text.insert(at, t, attrs ?? {});
        at += t.length;
      }
    }
  });
  return doc;
}

describe('replaceText', () => {
  it('replaces the one occurrence in one transaction, keeping the passage formatting', () => {
    const doc = docWith([
      'We ask the city.',
      [
        ['Open ', {}],
        ['more shelters', { bold: true }],
        [' now.', {}],
      ],
    ]);
    const updates: unknown[] = [];
    doc.on('update', (_u: Uint8Array, origin: unknown) => updates.push(origin));
    const origin = { participantId: 'p1' };
    expect(replaceText(doc, 'body', 'more shelters', 'warm shelters', origin)).toEqual({ ok: true });
    expect(updates).toEqual([origin]);
    expect(fragmentToPlainText(doc.getXmlFragment('body'))).toBe('We ask the city.\nOpen warm shelters now.');
    const second = (doc.getXmlFragment('body').get(1) as Y.XmlElement).get(0) as Y.XmlText;
    expect(second.toDelta()).toEqual([
      { insert: 'Open ' },
      { insert: 'warm shelters', attributes: { bold: true } },
      { insert: ' now.' },
    ]);
  });

  it('replaces across formatting runs of one paragraph, and deletes with an empty replacement', () => {
    const doc = docWith([
      [
        ['Open ', {}],
        ['more', { bold: true }],
        [' shelters now.', {}],
      ],
    ]);
    expect(replaceText(doc, 'body', 'Open more shelters', 'Build homes', null)).toEqual({ ok: true });
    expect(fragmentToPlainText(doc.getXmlFragment('body'))).toBe('Build homes now.');
    expect(replaceText(doc, 'body', ' now', '', null)).toEqual({ ok: true });
    expect(fragmentToPlainText(doc.getXmlFragment('body'))).toBe('Build homes.');
  });

  it('refuses, changing nothing, a passage not there once, across paragraphs, or a line break', () => {
    const doc = docWith(['the cat and the dog', 'a second line']);
    const before = Y.encodeStateVector(doc);
    expect(replaceText(doc, 'body', 'the', 'a', null)).toEqual({ ok: false, refusal: 'not_once' });
    expect(replaceText(doc, 'body', 'horse', 'a', null)).toEqual({ ok: false, refusal: 'not_once' });
    expect(replaceText(doc, 'body', 'dog\na second', 'x', null)).toEqual({ ok: false, refusal: 'spans_blocks' });
    expect(replaceText(doc, 'body', 'cat', 'x\ny', null)).toEqual({ ok: false, refusal: 'line_break' });
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });
});
