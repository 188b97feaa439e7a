import { useEffect, useRef } from 'react';
import { type Editor, EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type { ParagraphMark } from '@roundtable/domain';
import { DRAFT_BODY_FIELD, type Language } from '@roundtable/protocol/client';
import type { Draft } from '../../lib/draftProvider';
import { occurrences } from '../amendments/amendmentModel';
import { type HighlightedPassage, PassageHighlights, passageHighlightsKey } from '../amendments/passageHighlights';
import { AlignmentMarks, alignmentMarksKey, type MarkWords, ParagraphIds } from './paragraphAlignment';

interface Props {
  draft: Draft;
  editable: boolean;
  /** Shown to other people next to this person's caret. */
  user: { name: string; color: string };
  /** Accessible name of the text area. */
  label: string;
  /**
   * Whether to show other people's carets (default true). The projector view shows the text
   * only: no awareness is read or written there.
   */
  showCarets?: boolean;
  /** The XmlFragment edited: `body` (default) or a language version's `body_<lang>`. */
  field?: string;
  /** The language of the text, for screen readers and spell checkers. */
  lang?: Language;
  /**
   * A version of a multilingual draft: blocks get paragraph ids, and these marks (to
   * re-align, missing) show on them.
   */
  alignment?: { marks: readonly ParagraphMark[]; words: MarkWords };
  /**
   * Told the text selected in this editor (paragraphs joined by "\n", as the server's plain
   * text), or null when the selection collapses inside it: the way to propose an amendment.
   * Works on a read-only editor too (a draft frozen for a vote).
   */
  onSelectText?: (selected: SelectedText | null) => void;
  /** Passages of proposed amendments to this text, marked in it. */
  passages?: readonly HighlightedPassage[];
}

/** Text selected in an editor, and how often it occurs in the whole text (an amendment needs once). */
export interface SelectedText {
  text: string;
  occurrences: 0 | 1 | 2;
}

/** Attributes of the contenteditable; `role` repeats Tiptap's default, which setOptions would drop. */
function editorAttributes(label: string, editable: boolean, lang?: Language): Record<string, string> {
  return {
    ...(lang ? { lang, 'data-lang': lang } : {}),
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': label,
    'data-testid': 'editor',
    class: 'editor',
    // Read-only text must still be reachable from the keyboard to be read and scrolled.
    ...(editable ? {} : { 'aria-readonly': 'true', tabindex: '0' }),
  };
}

/**
 * Another person's caret: a bar in their colour and a label with their name, so colour is
 * never the only cue. Tiptap's class names, so its documented styling and selectors apply;
 * unlike Tiptap's default, hidden from screen readers, which would otherwise read the names
 * as part of the draft (the presence list says who is here).
 */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = String(user.color);
  const caret = document.createElement('span');
  caret.className = 'collaboration-carets__caret';
  caret.setAttribute('aria-hidden', 'true');
  caret.style.borderColor = color;
  const label = document.createElement('span');
  label.className = 'collaboration-carets__label';
  label.style.backgroundColor = color;
  label.textContent = String(user.name ?? '');
  caret.append(label);
  return caret;
}

/**
 * Follows the document's selection rather than ProseMirror's: a read-only view does not keep
 * its state's selection in step with what the person selects, and selecting text in a frozen
 * draft is how an amendment to it starts. A selection that leaves the editor (the focus moved
 * to the "propose" button) is kept; one that collapses inside it clears.
 */
function useSelectedText(
  editor: Editor | null,
  onSelectText: ((selected: SelectedText | null) => void) | undefined,
): void {
  const latest = useRef(onSelectText);
  latest.current = onSelectText;
  const wanted = onSelectText !== undefined;
  useEffect(() => {
    if (!editor || !wanted) return;
    const onChange = () => {
      if (editor.isDestroyed) return;
      const selection = document.getSelection();
      const dom = editor.view.dom;
      if (!selection?.anchorNode || !selection.focusNode) return;
      if (!dom.contains(selection.anchorNode) || !dom.contains(selection.focusNode)) return;
      if (selection.isCollapsed) {
        latest.current?.(null);
        return;
      }
      try {
        const a = editor.view.posAtDOM(selection.anchorNode, selection.anchorOffset);
        const b = editor.view.posAtDOM(selection.focusNode, selection.focusOffset);
        const { doc } = editor.state;
        const text = doc.textBetween(Math.min(a, b), Math.max(a, b), '\n');
        const whole = doc.textBetween(0, doc.content.size, '\n');
        latest.current?.(text === '' ? null : { text, occurrences: occurrences(whole, text) });
      } catch {
        // A selection inside a node view ProseMirror cannot map (a caret label): ignore it.
      }
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [editor, wanted]);
}

/** The Tiptap editor bound to the draft's Y.XmlFragment, with other people's carets. */
export function CollaborativeEditor({
  draft,
  editable,
  user,
  label,
  showCarets = true,
  field = DRAFT_BODY_FIELD,
  lang,
  alignment,
  onSelectText,
  passages,
}: Props) {
  const paired = alignment !== undefined;
  const highlights = passages !== undefined;
  const editor = useEditor(
    {
      extensions: [
        // Collaboration brings its own undo/redo, which only undoes this person's changes.
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ document: draft.ydoc, field }),
        ...(showCarets ? [CollaborationCaret.configure({ provider: draft.provider, user, render: renderCaret })] : []),
        ...(paired ? [ParagraphIds, AlignmentMarks] : []),
        ...(highlights ? [PassageHighlights] : []),
      ],
      editable,
      // Tiptap would add its base CSS in a <style> element, which the server's CSP
      // (style-src 'self') refuses; the same rules are in styles.css.
      injectCSS: false,
      editorProps: { attributes: editorAttributes(label, editable, lang) },
    },
    // The user is fixed for a draft; only a new document or a change of role needs a new editor.
    [draft, editable, showCarets, field, paired, highlights],
  );

  // The label follows the language and the title without rebuilding the editor.
  useEffect(() => {
    if (editor && !editor.isDestroyed) {
      editor.setOptions({ editorProps: { attributes: editorAttributes(label, editable, lang) } });
    }
  }, [editor, label, editable, lang]);

  // The marks follow the document's alignment map, computed by the page; dispatched only
  // when they say something new (a dispatch updates the view, which re-renders the page).
  const marksKey = alignment ? JSON.stringify(alignment.marks.map((m) => [m, alignment.words.describe(m)])) : '';
  const latest = useRef(alignment);
  latest.current = alignment;
  // biome-ignore lint/correctness/useExhaustiveDependencies: marksKey stands for the marks and their words
  useEffect(() => {
    const current = latest.current;
    if (editor && !editor.isDestroyed && current) {
      editor.view.dispatch(editor.state.tr.setMeta(alignmentMarksKey, current).setMeta('addToHistory', false));
    }
  }, [editor, marksKey, alignment?.words.editable]);

  // The passages follow the amendments list; dispatched only when it says something new.
  const passagesKey = JSON.stringify(passages ?? []);
  const latestPassages = useRef(passages);
  latestPassages.current = passages;
  // biome-ignore lint/correctness/useExhaustiveDependencies: passagesKey stands for the passages
  useEffect(() => {
    const current = latestPassages.current;
    if (editor && !editor.isDestroyed && current) {
      editor.view.dispatch(editor.state.tr.setMeta(passageHighlightsKey, current).setMeta('addToHistory', false));
    }
  }, [editor, passagesKey]);

  useSelectedText(editor, onSelectText);

  return <EditorContent editor={editor} className="editor-frame" />;
}
