import * as Y from 'yjs';
import { DRAFT_BODY_FIELD } from '@roundtable/protocol';

/** Co-editors taking turns in the generated draft. */
const AUTHORS = 5;
/** Consecutive edits by one author before the next takes over. */
const BURST = 40;
/** Share of edits that start a new paragraph, move the caret first, or delete. */
const P_NEW_PARAGRAPH = 0.01;
const P_JUMP = 0.1;
const P_BACKSPACE = 0.1;
const ALPHABET = 'etaoinshrdlu cmfwypvbgkjqxz,.';

export interface History {
  /** The edits merged into frames of `editsPerFrame` edits, in order. */
  frames: Uint8Array[];
  /** The body fragment's XML string once every frame is applied. */
  bodyXml: string;
  /** Size of the whole document encoded as one update. */
  docBytes: number;
}

/**
 * A deterministic draft history: `edits` single-edit transactions by several
 * authors typing, deleting and moving around the body (Y.XmlFragment 'body' of
 * paragraphs), as Tiptap produces. The same seed gives the same bytes, so both
 * servers receive the same document.
 */
export function generateHistory(edits: number, seed: number, editsPerFrame: number): History {
  const rand = mulberry32(seed);
  const doc = new Y.Doc({ gc: true });
  const body = doc.getXmlFragment(DRAFT_BODY_FIELD);
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const carets = Array.from({ length: AUTHORS }, () => ({ text: undefined as Y.XmlText | undefined, offset: 0 }));

  const texts: Y.XmlText[] = [];
  const newParagraph = (at: number): Y.XmlText => {
    const text = new Y.XmlText();
    texts.push(text);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [text]);
    body.insert(at, [p]);
    return text;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

  for (let e = 0; e < edits; e++) {
    const author = Math.floor(e / BURST) % AUTHORS;
    // Each author is a client of its own, as in a real meeting.
    doc.clientID = author + 1;
    const caret = carets[author]!;
    const r = rand();
    if (!caret.text || r < P_NEW_PARAGRAPH) {
      caret.text = newParagraph(Math.floor(rand() * (body.length + 1)));
      caret.offset = 0;
    } else if (r < P_NEW_PARAGRAPH + P_BACKSPACE && caret.offset > 0 && caret.offset <= caret.text.length) {
      caret.text.delete(caret.offset - 1, 1);
      caret.offset--;
      continue;
    } else if (r < P_NEW_PARAGRAPH + P_BACKSPACE + P_JUMP) {
      caret.text = pick(texts);
      caret.offset = Math.floor(rand() * (caret.text.length + 1));
    }
    caret.offset = Math.min(caret.offset, caret.text.length);
    caret.text.insert(caret.offset, ALPHABET[Math.floor(rand() * ALPHABET.length)]!);
    caret.offset++;
  }

  const frames: Uint8Array[] = [];
  // The first update also creates paragraphs; merging keeps the order of everything.
  for (let i = 0; i < updates.length; i += editsPerFrame)
    frames.push(Y.mergeUpdates(updates.slice(i, i + editsPerFrame)));
  const result = { frames, bodyXml: body.toString(), docBytes: Y.encodeStateAsUpdate(doc).byteLength };
  doc.destroy();
  return result;
}

/** A small seeded PRNG (mulberry32): reproducible drafts without a dependency. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
