import { useEffect, useRef } from 'react';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type { ParagraphMark } from '@roundtable/domain';
import { DRAFT_BODY_FIELD, type Language } from '@roundtable/protocol';
import type { Draft } from '../../lib/draftProvider';
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
}: Props) {
  const paired = alignment !== undefined;
  const editor = useEditor(
    {
      extensions: [
        // Collaboration brings its own undo/redo, which only undoes this person's changes.
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ document: draft.ydoc, field }),
        ...(showCarets ? [CollaborationCaret.configure({ provider: draft.provider, user, render: renderCaret })] : []),
        ...(paired ? [ParagraphIds, AlignmentMarks] : []),
      ],
      editable,
      // Tiptap would add its base CSS in a <style> element, which the server's CSP
      // (style-src 'self') refuses; the same rules are in styles.css.
      injectCSS: false,
      editorProps: { attributes: editorAttributes(label, editable, lang) },
    },
    // The user is fixed for a draft; only a new document or a change of role needs a new editor.
    [draft, editable, showCarets, field, paired],
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

  return <EditorContent editor={editor} className="editor-frame" />;
}
