import { describe, expect, it } from 'vitest';
import { changeCount, wordDiff } from './wordDiff';

describe('wordDiff', () => {
  it('marks a replaced word as deleted then inserted, the rest kept', () => {
    const parts = wordDiff('Garantir un accès rapide au logement.', 'Garantir un accès égal au logement.');
    expect(parts).toEqual([
      { kind: 'same', text: 'Garantir un accès ' },
      { kind: 'deleted', text: 'rapide' },
      { kind: 'inserted', text: 'égal' },
      { kind: 'same', text: ' au logement.' },
    ]);
    expect(changeCount(parts!)).toEqual({ deleted: 1, inserted: 1 });
  });

  it('keeps the paragraphs apart and finds an added paragraph', () => {
    const parts = wordDiff('Eerste alinea.', 'Eerste alinea.\nTweede alinea.');
    expect(parts?.map((p) => p.kind)).toEqual(['same', 'inserted']);
    expect(parts?.map((p) => p.text).join('')).toBe('Eerste alinea.\nTweede alinea.');
  });

  it('says nothing changed for equal texts, and nothing at all for two empty ones', () => {
    expect(wordDiff('Same text.', 'Same text.')).toEqual([{ kind: 'same', text: 'Same text.' }]);
    expect(wordDiff('', '')).toEqual([]);
    expect(changeCount(wordDiff('a b', 'a b')!)).toEqual({ deleted: 0, inserted: 0 });
  });

  it('spells the newer text exactly, and the older one letter for letter', () => {
    const older = 'One two three four five.\nSix seven.';
    const newer = 'One three four, five and more.\nSix eight seven.';
    const parts = wordDiff(older, newer)!;
    const letters = (text: string) => text.replace(/\s+/g, '');
    expect(
      letters(
        parts
          .filter((p) => p.kind !== 'inserted')
          .map((p) => p.text)
          .join(''),
      ),
    ).toBe(letters(older));
    expect(
      parts
        .filter((p) => p.kind !== 'deleted')
        .map((p) => p.text)
        .join(''),
    ).toBe(newer);
  });

  it('gives up on two long texts with nothing in common rather than stalling', () => {
    const words = (prefix: string) => Array.from({ length: 6_000 }, (_, i) => `${prefix}${i}`).join(' ');
    expect(wordDiff(words('a'), words('b'))).toBeNull();
  });
});
