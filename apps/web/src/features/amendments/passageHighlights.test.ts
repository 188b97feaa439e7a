import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { passageRanges, textWithPositions } from './passageHighlights';

const schema = getSchema([StarterKit]);
const doc = schema.nodeFromJSON({
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'Garantir un accès rapide.' }] },
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Un accès égal.' }] }] },
      ],
    },
  ],
});

describe('passage highlights', () => {
  it('reads the text as the server does, one line per paragraph', () => {
    const { text, positions } = textWithPositions(doc);
    expect(text).toBe('Garantir un accès rapide.\nUn accès égal.');
    expect(positions).toHaveLength(text.length);
    expect(doc.textBetween(positions[12]!, positions[16]! + 1)).toBe('accès');
  });

  it('finds a passage occurring once, across paragraphs too, and skips repeated or missing ones', () => {
    const ranges = passageRanges(doc, [
      { text: 'rapide', number: 1 },
      { text: 'accès', number: 2 },
      { text: 'rapide.\nUn', number: 3 },
      { text: 'absent', number: 4 },
    ]);
    expect(ranges.map((r) => r.number)).toEqual([1, 3]);
    expect(doc.textBetween(ranges[0]!.from, ranges[0]!.to)).toBe('rapide');
    expect(doc.textBetween(ranges[1]!.from, ranges[1]!.to, '\n')).toBe('rapide.\nUn');
  });
});
