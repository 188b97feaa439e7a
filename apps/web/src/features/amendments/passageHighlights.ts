import { Extension } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

/** A passage to mark in the editor: a proposed amendment's original text, and its number. */
export interface HighlightedPassage {
  text: string;
  number: number;
}

/**
 * The document's plain text as the server reads it (each textblock one line, joined by "\n"),
 * with the document position of every character, so a passage found in the text maps back.
 */
export function textWithPositions(doc: PmNode): { text: string; positions: number[] } {
  let text = '';
  const positions: number[] = [];
  let first = true;
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    if (!first) {
      text += '\n';
      positions.push(pos);
    }
    first = false;
    node.forEach((child, offset) => {
      if (!child.isText || !child.text) return;
      for (let i = 0; i < child.text.length; i++) positions.push(pos + 1 + offset + i);
      text += child.text;
    });
    return false;
  });
  return { text, positions };
}

/** Where each passage occurring exactly once is, in document positions (others are not marked: they cannot be applied). */
export function passageRanges(
  doc: PmNode,
  passages: readonly HighlightedPassage[],
): { from: number; to: number; number: number }[] {
  if (passages.length === 0) return [];
  const { text, positions } = textWithPositions(doc);
  const ranges: { from: number; to: number; number: number }[] = [];
  for (const p of passages) {
    const at = text.indexOf(p.text);
    if (at < 0 || text.indexOf(p.text, at + 1) >= 0) continue;
    const from = positions[at];
    const last = positions[at + p.text.length - 1];
    if (from === undefined || last === undefined) continue;
    ranges.push({ from, to: last + 1, number: p.number });
  }
  return ranges;
}

interface HighlightState {
  passages: readonly HighlightedPassage[];
  set: DecorationSet;
}

export const passageHighlightsKey = new PluginKey<HighlightState>('amendmentPassages');

function decorations(doc: PmNode, passages: readonly HighlightedPassage[]): DecorationSet {
  return DecorationSet.create(
    doc,
    passageRanges(doc, passages).map((r) =>
      Decoration.inline(r.from, r.to, { class: 'amendment-passage', 'data-amendment': String(r.number) }),
    ),
  );
}

/**
 * Marks the passages of proposed amendments in the draft (a dotted underline and a tint),
 * so readers see where each one applies. Only a cue: the amendments list says everything in
 * words. The passages come in with a transaction meta (`passageHighlightsKey`), and are found
 * again after every change of the document.
 */
export const PassageHighlights = Extension.create({
  name: 'amendmentPassages',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: passageHighlightsKey,
        state: {
          init: (): HighlightState => ({ passages: [], set: DecorationSet.empty }),
          apply(tr, value, _old, state): HighlightState {
            const passages = tr.getMeta(passageHighlightsKey) as readonly HighlightedPassage[] | undefined;
            if (passages === undefined && !tr.docChanged) return value;
            const next = passages ?? value.passages;
            return { passages: next, set: decorations(state.doc, next) };
          },
        },
        props: {
          decorations: (state) => passageHighlightsKey.getState(state)?.set,
        },
      }),
    ];
  },
});
