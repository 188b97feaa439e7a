import type { AmendmentDto } from '@roundtable/protocol/client';

/**
 * How many times `passage` occurs in `text`, overlapping occurrences included: the server
 * accepts an amendment only when its passage occurs exactly once in that version's text, so
 * "the the" in "the the the" counts twice. Stops counting at 2, all the caller needs.
 */
export function occurrences(text: string, passage: string): 0 | 1 | 2 {
  if (passage === '') return 0;
  const first = text.indexOf(passage);
  if (first < 0) return 0;
  return text.indexOf(passage, first + 1) < 0 ? 1 : 2;
}

/** The passage a selection gives: as selected, with line breaks normalised; null when only blanks. */
export function passageOfSelection(selected: string): string | null {
  const text = selected.replace(/\r\n?/g, '\n');
  return text.trim() === '' ? null : text;
}

/**
 * Numbers the amendments of one recommendation #1, #2… in the order they were proposed, as
 * the room refers to them ("overlaps with #3"); ids break ties of the same instant.
 */
export function amendmentNumbers(amendments: readonly AmendmentDto[]): Map<string, number> {
  const ordered = [...amendments].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return new Map(ordered.map((a, i) => [a.id, i + 1]));
}

/**
 * The order the list shows them in: open ones first, oldest first (the facilitator takes them
 * one by one, in the order they came), then decided ones, most recently decided first.
 */
export function displayOrder(amendments: readonly AmendmentDto[]): AmendmentDto[] {
  const open = amendments.filter((a) => a.status === 'proposed');
  const decided = amendments.filter((a) => a.status !== 'proposed');
  open.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  decided.sort((a, b) => (b.decidedAt ?? b.createdAt).localeCompare(a.decidedAt ?? a.createdAt));
  return [...open, ...decided];
}

/** A passage quoted in one line of a button or a summary, cut after `max` characters. */
export function quoteShort(passage: string, max = 60): string {
  const flat = passage.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
