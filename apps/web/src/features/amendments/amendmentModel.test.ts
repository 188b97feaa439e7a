import { describe, expect, it } from 'vitest';
import type { AmendmentDto } from '@roundtable/protocol';
import { amendmentNumbers, displayOrder, occurrences, passageOfSelection, quoteShort } from './amendmentModel';

const amendment = (id: string, createdAt: string, over: Partial<AmendmentDto> = {}): AmendmentDto => ({
  id,
  recommendationId: 'rec',
  lang: 'fr',
  original: 'a',
  replacement: 'b',
  reason: '',
  status: 'proposed',
  authorId: 'p1',
  authorName: 'Fatima',
  createdAt,
  decidedAt: null,
  decidedBy: null,
  voteId: null,
  stale: false,
  overlaps: [],
  ...over,
});

describe('amendment model', () => {
  it('counts occurrences as the server does, overlapping ones included', () => {
    expect(occurrences('Garantir un accès égal.', 'accès')).toBe(1);
    expect(occurrences('Garantir un accès égal.', 'logement')).toBe(0);
    expect(occurrences('the the the', 'the the')).toBe(2);
    expect(occurrences('abc', '')).toBe(0);
    expect(occurrences('Eerste.\nTweede.', '.\nTw')).toBe(1);
  });

  it('takes a selection as it is, unless it is only blanks', () => {
    expect(passageOfSelection(' un accès ')).toBe(' un accès ');
    expect(passageOfSelection('a\r\nb')).toBe('a\nb');
    expect(passageOfSelection(' \n ')).toBeNull();
  });

  it('numbers amendments in the order they came, and lists open ones first', () => {
    const list = [
      amendment('c', '2026-01-01T10:02:00Z', { status: 'accepted', decidedAt: '2026-01-01T10:05:00Z' }),
      amendment('b', '2026-01-01T10:01:00Z'),
      amendment('a', '2026-01-01T10:00:00Z', { status: 'rejected', decidedAt: '2026-01-01T10:03:00Z' }),
      amendment('d', '2026-01-01T10:03:00Z'),
    ];
    expect([...amendmentNumbers(list)]).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 4],
    ]);
    expect(displayOrder(list).map((a) => a.id)).toEqual(['b', 'd', 'c', 'a']);
  });

  it('quotes a long passage short, on one line', () => {
    expect(quoteShort('Un\naccès   égal')).toBe('Un accès égal');
    expect(quoteShort('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
