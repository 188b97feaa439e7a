/*
 * Amendments (api-v1 1.1): where a passage stands in a draft's text, whether an amendment is
 * stale, and which amendments overlap. Pure: the text is given, as the server reads it.
 */

/** Every start index of `passage` in `text`, overlapping ones included ("aa" is twice in "aaa"). */
export function occurrences(text: string, passage: string): number[] {
  if (passage.length === 0) return [];
  const found: number[] = [];
  for (let i = text.indexOf(passage); i !== -1; i = text.indexOf(passage, i + 1)) found.push(i);
  return found;
}

/** The range of `passage` when it occurs exactly once in `text`; undefined otherwise. */
export function uniqueRange(text: string, passage: string): { start: number; end: number } | undefined {
  const at = occurrences(text, passage);
  if (at.length !== 1) return undefined;
  return { start: at[0]!, end: at[0]! + passage.length };
}

/** What the overlap check needs of an amendment. */
export interface PassageRef {
  id: string;
  original: string;
}

/**
 * For each amendment, the ids of the others whose passage overlaps its own in `text`. A
 * stale amendment (passage not exactly once) has no place in the text, so it overlaps none.
 */
export function overlapping(text: string, amendments: readonly PassageRef[]): Map<string, string[]> {
  const ranges = amendments.map((a) => ({ id: a.id, range: uniqueRange(text, a.original) }));
  const result = new Map<string, string[]>(amendments.map((a) => [a.id, []]));
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      const a = ranges[i]!;
      const b = ranges[j]!;
      if (!a.range || !b.range) continue;
      if (a.range.start < b.range.end && b.range.start < a.range.end) {
        result.get(a.id)!.push(b.id);
        result.get(b.id)!.push(a.id);
      }
    }
  }
  return result;
}
