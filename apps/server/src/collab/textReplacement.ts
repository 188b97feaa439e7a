import { uniqueRange } from '@roundtable/domain';
import { cleanText } from '@roundtable/protocol';
import * as Y from 'yjs';
import { fragmentToPlainText } from '@roundtable/domain/draftText';

/** Why a replacement was not made. */
export type ReplacementRefusal =
  /** The passage does not occur exactly once in the version's plain text (stale). */
  | 'not_once'
  /** It crosses a paragraph, or an inline node (a line break, an image) within one. */
  | 'spans_blocks'
  /** The replacement holds a line break: a new paragraph is written in the draft, not by an amendment. */
  | 'line_break'
  /** Characters the plain text leaves out (controls) lie around it: its place is not certain. */
  | 'unclean';

export type ReplacementResult = { ok: true } | { ok: false; refusal: ReplacementRefusal };

/** A run of characters of one XmlText with one formatting, and where it starts in the node. */
interface Run {
  node: Y.XmlText;
  index: number;
  text: string;
  attributes: Record<string, unknown> | undefined;
}

/** The lines of a fragment as fragmentToPlainText reads them, each as its runs. */
function linesOf(fragment: Y.XmlFragment): Run[][] {
  const lines: Run[][] = [];
  const runsOf = (nodes: readonly Y.XmlText[]): Run[] => {
    const runs: Run[] = [];
    for (const node of nodes) {
      let index = 0;
      for (const op of node.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
        if (typeof op.insert === 'string') {
          runs.push({ node, index, text: op.insert, attributes: op.attributes });
          index += op.insert.length;
        } else index += 1;
      }
    }
    return runs;
  };
  const walk = (node: Y.XmlElement | Y.XmlFragment) => {
    const children = node.toArray();
    const isTextblock = children.length === 0 || children.every((c) => c instanceof Y.XmlText);
    if (isTextblock && node instanceof Y.XmlElement) {
      lines.push(runsOf(children as Y.XmlText[]));
      return;
    }
    for (const child of children) {
      if (child instanceof Y.XmlText) lines.push(runsOf([child]));
      else walk(child as Y.XmlElement);
    }
  };
  walk(fragment);
  return lines;
}

/**
 * Replaces the one occurrence of `original` in the fragment's plain text (as
 * fragmentToPlainText reads it) by `replacement`, inside the Y.XmlText that holds it, in one
 * transaction with `origin`. The replacement takes the formatting of the passage's first
 * character. A passage across paragraphs or inline nodes is refused rather than guessed at:
 * joining paragraphs is an edit for the draft, not for an amendment. Nothing changes when
 * it is refused.
 */
export function replaceText(
  doc: Y.Doc,
  fragmentName: string,
  original: string,
  replacement: string,
  origin: unknown,
): ReplacementResult {
  const fragment = doc.getXmlFragment(fragmentName);
  const range = uniqueRange(fragmentToPlainText(fragment), original);
  if (!range) return { ok: false, refusal: 'not_once' };
  if (replacement.includes('\n')) return { ok: false, refusal: 'line_break' };
  const lines = linesOf(fragment);
  const texts = lines.map((runs) => runs.map((r) => r.text).join(''));
  // The plain text is cleaned as a whole; offsets only map onto the nodes where it left all alone.
  if (texts.join('\n') !== fragmentToPlainText(fragment)) {
    return texts.some((t) => cleanText(t) !== t)
      ? { ok: false, refusal: 'unclean' }
      : { ok: false, refusal: 'not_once' };
  }
  let lineStart = 0;
  for (let i = 0; i < lines.length; i++) {
    const lineEnd = lineStart + texts[i]!.length;
    if (range.start >= lineStart && range.start <= lineEnd) {
      if (range.end > lineEnd) return { ok: false, refusal: 'spans_blocks' };
      return replaceInLine(doc, lines[i]!, range.start - lineStart, range.end - lineStart, replacement, origin);
    }
    lineStart = lineEnd + 1;
  }
  return { ok: false, refusal: 'not_once' };
}

function replaceInLine(
  doc: Y.Doc,
  runs: readonly Run[],
  start: number,
  end: number,
  replacement: string,
  origin: unknown,
): ReplacementResult {
  // Find the runs holding the first and the last character; every run between them must
  // follow on in the same node (no inline node in the passage).
  let offset = 0;
  let first: { run: Run; at: number } | undefined;
  let previous: Run | undefined;
  for (const run of runs) {
    const runEnd = offset + run.text.length;
    if (!first && start >= offset && start < runEnd) first = { run, at: run.index + (start - offset) };
    else if (first && previous && (run.node !== previous.node || run.index !== previous.index + previous.text.length)) {
      if (offset < end) return { ok: false, refusal: 'spans_blocks' };
    }
    if (first && end <= runEnd) {
      const { run: head, at } = first;
      doc.transact(() => {
        head.node.delete(at, end - start);
        if (replacement.length > 0) head.node.insert(at, replacement, head.attributes ?? {});
      }, origin);
      return { ok: true };
    }
    if (first) previous = run;
    offset = runEnd;
  }
  return { ok: false, refusal: 'not_once' };
}
