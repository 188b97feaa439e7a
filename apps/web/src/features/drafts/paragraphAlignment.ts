import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type { ParagraphMark } from '@roundtable/domain';
import { PARAGRAPH_ID_ATTRIBUTE, isParagraphId } from '@roundtable/protocol/client';

/** Top-level blocks that pair across language versions (api-v1 1.1). */
const PAIRED_TYPES = ['paragraph', 'heading', 'bulletList', 'orderedList', 'blockquote', 'codeBlock', 'horizontalRule'];

const newParagraphId = () => crypto.randomUUID();

/**
 * Gives every top-level block a stable `pid` (unique within its version), like Tiptap's
 * unique-id extension: the server pairs a paragraph across versions by it. Only local
 * edits assign ids (never the sync plugin's transactions), so two browsers do not race to
 * name the same remote paragraph. Rendered as `data-pid`, so a paragraph copied from
 * another version keeps its pairing.
 */
export const ParagraphIds = Extension.create({
  name: 'paragraphIds',
  addGlobalAttributes() {
    return [
      {
        types: PAIRED_TYPES,
        attributes: {
          [PARAGRAPH_ID_ATTRIBUTE]: {
            default: null,
            keepOnSplit: false,
            parseHTML: (el) => el.getAttribute('data-pid'),
            renderHTML: (attrs) => (attrs[PARAGRAPH_ID_ATTRIBUTE] ? { 'data-pid': attrs[PARAGRAPH_ID_ATTRIBUTE] } : {}),
          },
        },
      },
    ];
  },
  addProseMirrorPlugins() {
    const editor = this.editor;
    return [
      new Plugin({
        key: new PluginKey('paragraphIds'),
        appendTransaction: (transactions, _old, state) => {
          if (!editor.isEditable) return null;
          if (!transactions.some((tr) => tr.docChanged && !tr.getMeta(ySyncPluginKey))) return null;
          const tr = state.tr;
          const seen = new Set<string>();
          state.doc.forEach((node, pos) => {
            if (!PAIRED_TYPES.includes(node.type.name)) return;
            const pid = node.attrs[PARAGRAPH_ID_ATTRIBUTE] as unknown;
            if (isParagraphId(pid) && !seen.has(pid)) {
              seen.add(pid);
              return;
            }
            tr.setNodeAttribute(pos, PARAGRAPH_ID_ATTRIBUTE, newParagraphId());
          });
          return tr.docChanged ? tr : null;
        },
      }),
    ];
  },
});

/** Words of the marks, from the page (i18n), and whether "add this paragraph" is offered. */
export interface MarkWords {
  describe: (mark: ParagraphMark) => string;
  addMissing: string;
  editable: boolean;
}

interface MarksState {
  marks: readonly ParagraphMark[];
  words: MarkWords | null;
}

export const alignmentMarksKey = new PluginKey<MarksState>('alignmentMarks');

/** A note above a paragraph, outside the editable text (screen readers read it before it). */
function note(view: EditorView, mark: ParagraphMark, words: MarkWords): HTMLElement {
  const el = document.createElement('div');
  el.contentEditable = 'false';
  el.className = mark.state === 'missing' ? 'para-note para-note--missing' : 'para-note para-note--realign';
  el.dataset.testid = mark.state === 'missing' ? 'paragraph-missing' : 'paragraph-realign';
  el.dataset.pid = mark.pid;
  const text = document.createElement('span');
  text.textContent = words.describe(mark);
  el.append(text);
  if (mark.state === 'missing' && words.editable) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'para-note__button';
    button.textContent = words.addMissing;
    button.dataset.testid = 'add-missing-paragraph';
    button.addEventListener('click', () => {
      const { state } = view;
      const only = state.doc.childCount === 1 ? state.doc.firstChild : null;
      let tr = state.tr;
      let at = 0;
      if (only?.type.name === 'paragraph' && only.content.size === 0 && !only.attrs[PARAGRAPH_ID_ATTRIBUTE]) {
        // An empty version: its one blank paragraph becomes the missing one (else the blank
        // line would get an id of its own and be "missing" from the others in turn).
        tr = tr.setNodeAttribute(0, PARAGRAPH_ID_ATTRIBUTE, mark.pid);
      } else {
        if (mark.after) {
          state.doc.forEach((node, pos) => {
            if (node.attrs[PARAGRAPH_ID_ATTRIBUTE] === mark.after) at = pos + node.nodeSize;
          });
        }
        tr = tr.insert(at, state.schema.nodes.paragraph!.create({ [PARAGRAPH_ID_ATTRIBUTE]: mark.pid }));
      }
      view.dispatch(tr.setSelection(TextSelection.create(tr.doc, at + 1)));
      view.focus();
    });
    el.append(button);
  }
  return el;
}

/**
 * Shows the alignment on the paragraphs of one version: "to re-align" on a paragraph whose
 * counterpart changed (who, when), "missing" where another version has a paragraph this one
 * lacks. The marks come from the page (computeAlignment over the whole document).
 */
export const AlignmentMarks = Extension.create({
  name: 'alignmentMarks',
  addProseMirrorPlugins() {
    return [
      new Plugin<MarksState>({
        key: alignmentMarksKey,
        state: {
          init: () => ({ marks: [], words: null }),
          apply: (tr, value) => (tr.getMeta(alignmentMarksKey) as MarksState | undefined) ?? value,
        },
        props: {
          decorations(state) {
            const { marks, words } = alignmentMarksKey.getState(state) ?? { marks: [], words: null };
            if (!words || marks.length === 0) return null;
            const realign = new Map(marks.filter((m) => m.state === 'out_of_date').map((m) => [m.pid, m]));
            const missingAfter = new Map<string | null, ParagraphMark[]>();
            for (const m of marks) {
              if (m.state === 'missing') missingAfter.set(m.after, [...(missingAfter.get(m.after) ?? []), m]);
            }
            const decorations: Decoration[] = [];
            const widget = (pos: number, m: ParagraphMark) =>
              Decoration.widget(pos, (view) => note(view, m, words), {
                side: -1,
                key: `${m.state}:${m.pid}:${words.describe(m)}`,
                stopEvent: () => true,
                ignoreSelection: true,
              });
            for (const m of missingAfter.get(null) ?? []) decorations.push(widget(0, m));
            state.doc.forEach((node, pos) => {
              const pid = node.attrs[PARAGRAPH_ID_ATTRIBUTE] as string | null;
              if (!pid) return;
              const r = realign.get(pid);
              if (r) {
                decorations.push(widget(pos, r));
                decorations.push(Decoration.node(pos, pos + node.nodeSize, { class: 'para--realign' }));
              }
              for (const m of missingAfter.get(pid) ?? []) decorations.push(widget(pos + node.nodeSize, m));
            });
            return DecorationSet.create(state.doc, decorations);
          },
        },
      }),
    ];
  },
});
