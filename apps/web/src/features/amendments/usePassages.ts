import { useMemo } from 'react';
import type { Language } from '@roundtable/protocol/client';
import { amendmentNumbers } from './amendmentModel';
import type { AmendmentDto } from '@roundtable/protocol/client';
import type { HighlightedPassage } from './passageHighlights';

/** The passages of the proposed (and not stale) amendments, per language version, to mark in the editors. */
export function usePassages(list: readonly AmendmentDto[] | null): Partial<Record<Language, HighlightedPassage[]>> {
  return useMemo(() => {
    const numbers = amendmentNumbers(list ?? []);
    const byLang: Partial<Record<Language, HighlightedPassage[]>> = {};
    for (const a of list ?? []) {
      if (a.status !== 'proposed' || a.stale) continue;
      const passages = byLang[a.lang] ?? [];
      passages.push({ text: a.original, number: numbers.get(a.id) ?? 0 });
      byLang[a.lang] = passages;
    }
    return byLang;
  }, [list]);
}
