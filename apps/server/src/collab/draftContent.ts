import * as Y from 'yjs';
import { type Language, type LanguageVersion, draftBodyField } from '@roundtable/protocol';
import { fragmentToPlainText } from '@roundtable/domain/draftText';
import { AlignmentTracker } from './AlignmentTracker.js';

/**
 * What is read from and written to a draft's Y.Doc, its language versions: DocRegistry
 * finds the document (live, else from storage) and hands it here.
 */

/** Every language version of a draft, as the server holds it. */
export interface DraftVersions {
  /** Plain text of each version (paragraphs joined by "\n"). */
  texts: Record<Language, string>;
  versions: LanguageVersion[];
}

/** Texts and alignment of a loaded document (a tracker of its own when none is live). */
export function versionsOf(doc: Y.Doc, languages: readonly Language[], live?: AlignmentTracker): DraftVersions {
  const texts = Object.fromEntries(
    languages.map((lang) => [lang, fragmentToPlainText(doc.getXmlFragment(draftBodyField(lang, languages)))]),
  ) as Record<Language, string>;
  if (languages.length < 2) {
    return {
      texts,
      versions: languages.map((lang) => ({ lang, status: 'aligned', outOfDateParagraphs: 0, missingParagraphs: 0 })),
    };
  }
  const tracker = live ?? new AlignmentTracker(doc, languages);
  try {
    return { texts, versions: tracker.alignment().versions };
  } finally {
    if (!live) tracker.destroy();
  }
}

/** Every language version's text and the encoded state of a document, for a kept version. */
export function snapshotOf(
  doc: Y.Doc,
  languages: readonly Language[],
): { texts: Record<Language, string>; state: Uint8Array } {
  return {
    texts: Object.fromEntries(
      languages.map((lang) => [lang, fragmentToPlainText(doc.getXmlFragment(draftBodyField(lang, languages)))]),
    ) as Record<Language, string>,
    state: Y.encodeStateAsUpdate(doc),
  };
}

/**
 * Replaces each language version's content of `doc`, in one transaction with `origin`, by
 * that of `kept.state` (structure, formatting and paragraph ids), or, for a version kept
 * without a state, by its texts as plain paragraphs.
 */
export function restoreInto(
  doc: Y.Doc,
  languages: readonly Language[],
  kept: { state: Uint8Array | null; texts: Partial<Record<Language, string>> },
  origin: unknown,
): void {
  const source = new Y.Doc();
  try {
    if (kept.state) Y.applyUpdate(source, kept.state);
    doc.transact(() => {
      for (const lang of languages) {
        const name = draftBodyField(lang, languages);
        const target = doc.getXmlFragment(name);
        const content = kept.state
          ? source
              .getXmlFragment(name)
              .toArray()
              // Drafts hold no hooks (a ProseMirror document has none); one would not clone.
              .filter((node): node is Y.XmlElement | Y.XmlText => !(node instanceof Y.XmlHook))
              .map((node) => node.clone())
          : (kept.texts[lang] ?? '').split('\n').map((line) => {
              const paragraph = new Y.XmlElement('paragraph');
              paragraph.insert(0, [new Y.XmlText(line)]);
              return paragraph;
            });
        if (target.length > 0) target.delete(0, target.length);
        if (content.length > 0) target.insert(0, content);
      }
    }, origin);
  } finally {
    source.destroy();
  }
}
