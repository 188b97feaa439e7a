import { describe, expect, it } from 'vitest';
import type { AlignmentStamp, Language } from '@roundtable/protocol';
import { computeAlignment, confirmIsNoop, needsEditStamp, nextSeq, parseAlignment } from './alignment.js';

const stamp = (seq: number, by = 'u1', at = '2026-01-01T10:00:00.000Z'): AlignmentStamp => ({ seq, at, by, name: by });
const FR_NL: Language[] = ['fr', 'nl'];
const statuses = (a: ReturnType<typeof computeAlignment>) => a.versions.map((v) => v.status);

function stateOf(entries: Record<string, AlignmentStamp>, languages = FR_NL) {
  return parseAlignment(Object.entries(entries), languages);
}

describe('computeAlignment', () => {
  it('marks the counterpart of an edited paragraph out of date, with who changed it', () => {
    const state = stateOf({ 'edit:fr:p1': stamp(1, 'anne') });
    const a = computeAlignment(FR_NL, { fr: ['p1'], nl: ['p1'] }, state);
    expect(statuses(a)).toEqual(['aligned', 'out_of_date']);
    expect(a.marks.nl).toEqual([{ pid: 'p1', state: 'out_of_date', editedIn: 'fr', edit: stamp(1, 'anne') }]);
  });

  it('aligns both sides when the translated version is confirmed after catching up', () => {
    const state = stateOf({ 'edit:fr:p1': stamp(1), 'edit:nl:p1': stamp(2), 'confirm:nl': stamp(3) });
    expect(statuses(computeAlignment(FR_NL, { fr: ['p1'], nl: ['p1'] }, state))).toEqual(['aligned', 'aligned']);
  });

  it('keeps both out of date when both changed a paragraph since their confirmations', () => {
    const state = stateOf({ 'confirm:nl': stamp(1), 'edit:fr:p1': stamp(2), 'edit:nl:p1': stamp(3) });
    expect(statuses(computeAlignment(FR_NL, { fr: ['p1'], nl: ['p1'] }, state))).toEqual([
      'out_of_date',
      'out_of_date',
    ]);
  });

  it('shows a paragraph one version lacks as missing, placed after the one it follows', () => {
    const state = stateOf({ 'edit:fr:p2': stamp(1) });
    const a = computeAlignment(FR_NL, { fr: ['p1', 'p2'], nl: ['p1'] }, state);
    expect(a.versions[1]).toEqual({ lang: 'nl', status: 'missing', outOfDateParagraphs: 0, missingParagraphs: 1 });
    expect(a.marks.nl).toEqual([{ pid: 'p2', state: 'missing', presentIn: 'fr', after: 'p1' }]);
  });

  it('treats a paragraph deleted in one version as a change for the others, not as missing', () => {
    const state = stateOf({ 'edit:fr:p2': stamp(1), 'edit:nl:p2': stamp(2), 'edit:nl:p2x': stamp(2) });
    const a = computeAlignment(FR_NL, { fr: ['p1', 'p2'], nl: ['p1'] }, state);
    expect(a.versions.map((v) => [v.status, v.outOfDateParagraphs, v.missingParagraphs])).toEqual([
      ['out_of_date', 1, 0],
      ['aligned', 0, 0],
    ]);
  });

  it('keeps a single version aligned whatever the stamps say', () => {
    const state = stateOf({ 'edit:fr:p1': stamp(9) }, ['fr']);
    expect(statuses(computeAlignment(['fr'], { fr: ['p1'] }, state))).toEqual(['aligned']);
  });

  it('pairs three versions: confirming one leaves the others as they stand', () => {
    const langs: Language[] = ['fr', 'nl', 'en'];
    const state = stateOf({ 'edit:fr:p1': stamp(1), 'confirm:nl': stamp(2) }, langs);
    const a = computeAlignment(langs, { fr: ['p1'], nl: ['p1'], en: ['p1'] }, state);
    expect(statuses(a)).toEqual(['aligned', 'aligned', 'out_of_date']);
  });
});

describe('stamps', () => {
  it('ignores entries that are not stamps under known keys', () => {
    const state = parseAlignment(
      [
        ['confirm:fr', { seq: 'x' }],
        ['confirm:de', stamp(1)],
        ['edit:nl:p:extra', stamp(1)],
        ['edit:nl:', stamp(1)],
        ['edit:nl:p', stamp(4)],
      ],
      FR_NL,
    );
    expect(state.confirms).toEqual({});
    expect([...state.edits.nl!.keys()]).toEqual(['p']);
    expect(nextSeq(state)).toBe(5);
  });

  it('restamps an edit only after a confirmation, for another person, or after a while', () => {
    const now = new Date('2026-01-01T10:00:10.000Z');
    const state = stateOf({ 'edit:fr:p1': stamp(2, 'u1') });
    expect(needsEditStamp(state, 'fr', 'p1', 'u1', now)).toBe(false);
    expect(needsEditStamp(state, 'fr', 'p1', 'u2', now)).toBe(true);
    expect(needsEditStamp(state, 'fr', 'p2', 'u1', now)).toBe(true);
    expect(needsEditStamp(state, 'fr', 'p1', 'u1', new Date('2026-01-01T10:01:00.000Z'))).toBe(true);
    expect(needsEditStamp(stateOf({ 'edit:fr:p1': stamp(2), 'confirm:nl': stamp(3) }), 'fr', 'p1', 'u1', now)).toBe(
      true,
    );
  });

  it('finds a repeated confirmation a no-op', () => {
    expect(confirmIsNoop(stateOf({ 'edit:fr:p1': stamp(1) }), 'nl')).toBe(false);
    expect(confirmIsNoop(stateOf({ 'edit:fr:p1': stamp(1), 'confirm:nl': stamp(2) }), 'nl')).toBe(true);
  });
});
