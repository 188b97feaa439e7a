import { describe, expect, it } from 'vitest';
import { occurrences, overlapping, uniqueRange } from './amendments.js';

describe('amendments', () => {
  it('counts overlapping occurrences, so a passage that repeats is not unique', () => {
    expect(occurrences('aaa', 'aa')).toEqual([0, 1]);
    expect(occurrences('the cat and the dog', 'the')).toEqual([0, 12]);
    expect(occurrences('abc', '')).toEqual([]);
    expect(uniqueRange('the cat and the dog', 'the')).toBeUndefined();
    expect(uniqueRange('the cat and the dog', 'cat')).toEqual({ start: 4, end: 7 });
    expect(uniqueRange('the cat', 'dog')).toBeUndefined();
  });

  it('flags amendments whose passages overlap, never a stale one', () => {
    const text = 'We ask the city to open more shelters in winter.';
    const result = overlapping(text, [
      { id: 'a', original: 'open more shelters' },
      { id: 'b', original: 'shelters in winter' },
      { id: 'c', original: 'We ask' },
      { id: 'd', original: 'e' },
    ]);
    expect(result.get('a')).toEqual(['b']);
    expect(result.get('b')).toEqual(['a']);
    expect(result.get('c')).toEqual([]);
    expect(result.get('d')).toEqual([]);
  });

  it('treats adjacent passages as not overlapping', () => {
    expect(
      overlapping('abcdef', [
        { id: 'x', original: 'abc' },
        { id: 'y', original: 'def' },
      ]).get('x'),
    ).toEqual([]);
  });
});
