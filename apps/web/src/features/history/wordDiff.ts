import { diffWords } from 'diff';

/** One run of a word-level diff: kept as it was, deleted from the older text, or inserted in the newer. */
export interface DiffPart {
  kind: 'same' | 'deleted' | 'inserted';
  text: string;
}

/**
 * Past this many characters on either side, no word diff is computed: the history of a draft is
 * bounded by the draft's own limit, but a diff of two long, very different texts costs
 * quadratic time on a phone. `diffWords` gives up (returns undefined) and the caller shows the
 * two texts whole instead.
 */
export const MAX_DIFF_EDIT_LENGTH = 1_000;

/**
 * The word-level difference between two texts (paragraphs joined by "\n"), with `diff`'s
 * `diffWords`: whitespace stays with the words around it, so a deleted phrase reads as one run.
 * Kept runs carry the newer text's spacing (diffWords' rule), so the kept and inserted runs
 * spell the newer text exactly; the older one is read word by word.
 * Null when the texts are too different to diff affordably (see MAX_DIFF_EDIT_LENGTH).
 */
export function wordDiff(older: string, newer: string): DiffPart[] | null {
  if (older === newer) return older === '' ? [] : [{ kind: 'same', text: older }];
  const changes = diffWords(older, newer, { maxEditLength: MAX_DIFF_EDIT_LENGTH });
  if (!changes) return null;
  const parts: DiffPart[] = [];
  for (const c of changes) {
    if (c.value === '') continue;
    const kind: DiffPart['kind'] = c.added ? 'inserted' : c.removed ? 'deleted' : 'same';
    const last = parts[parts.length - 1];
    // Adjacent runs of one kind read as one (diff may split them around whitespace).
    if (last && last.kind === kind) last.text += c.value;
    else parts.push({ kind, text: c.value });
  }
  return parts;
}

/** How many deleted and inserted runs a diff has: 0 means the texts are the same. */
export function changeCount(parts: readonly DiffPart[]): { deleted: number; inserted: number } {
  let deleted = 0;
  let inserted = 0;
  for (const p of parts) {
    if (p.kind === 'deleted') deleted++;
    else if (p.kind === 'inserted') inserted++;
  }
  return { deleted, inserted };
}
