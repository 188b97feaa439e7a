import * as Y from 'yjs';
import {
  type Alignment,
  type AlignmentState,
  computeAlignment,
  confirmIsNoop,
  needsEditStamp,
  nextSeq,
  parseAlignment,
} from '@roundtable/domain';
import {
  ALIGNMENT_MAP,
  type AlignmentStamp,
  type Language,
  PARAGRAPH_ID_ATTRIBUTE,
  confirmStampKey,
  draftBodyField,
  editStampKey,
  isParagraphId,
} from '@roundtable/protocol';

// biome-ignore lint/suspicious/noExplicitAny: Yjs types' event parameter differs per type; any of them
type AnyType = Y.AbstractType<any>;

/** Transaction origin of the stamps the tracker writes (local: stored and sent like any edit). */
export const ALIGNMENT_ORIGIN = Symbol('alignment');

/** Who a stamp names. */
export interface StampAuthor {
  participantId: string;
  name: string;
}

/**
 * An edit is attributed when its transaction's origin names a participant: a client's
 * connection (DocRoom applies its updates with the connection as origin), or a server edit
 * made on someone's behalf. Updates from other instances and from storage are not: the
 * instance that received them from a client stamped them already.
 */
function authorOf(origin: unknown): StampAuthor | undefined {
  if (typeof origin !== 'object' || origin === null) return undefined;
  const { participantId, name } = origin as { participantId?: unknown; name?: unknown };
  if (typeof participantId !== 'string') return undefined;
  return { participantId, name: typeof name === 'string' ? name.slice(0, 80) : '' };
}

/**
 * Watches a multilingual draft and writes, in its own Y.Map, which paragraph of which
 * version was edited by whom and when, so every client and every instance reads the same
 * alignment (see docs/architecture.md "Language versions"). Clients need no code of
 * their own for it: a stock y-websocket client editing `body_nl` is stamped here.
 */
export class AlignmentTracker {
  private readonly map: Y.Map<unknown>;
  /** Each version's fragment, and back. */
  private readonly fragments = new Map<Language, Y.XmlFragment>();
  private readonly langOf = new Map<AnyType, Language>();
  /** Paragraph ids of each version, in order, as of the last transaction. */
  private readonly paragraphs = new Map<Language, string[]>();
  /** The parsed map, dropped whenever the map changes. */
  private parsed: AlignmentState | undefined;

  constructor(
    private readonly doc: Y.Doc,
    private readonly languages: readonly Language[],
    private readonly now: () => Date = () => new Date(),
  ) {
    this.map = doc.getMap(ALIGNMENT_MAP);
    for (const lang of languages) {
      const fragment = doc.getXmlFragment(draftBodyField(lang, languages));
      this.fragments.set(lang, fragment);
      this.langOf.set(fragment, lang);
      this.paragraphs.set(lang, paragraphIds(fragment));
    }
    this.map.observe(this.onMapChange);
    doc.on('afterTransaction', this.onTransaction);
  }

  /** The alignment of the versions as the document holds it now. */
  alignment(): Alignment {
    return computeAlignment(this.languages, Object.fromEntries(this.paragraphs), this.state());
  }

  /**
   * Marks version `lang` as checked against the others. Writes nothing (and returns
   * false) when nothing was edited since its last confirmation.
   */
  confirm(lang: Language, author: StampAuthor): boolean {
    const state = this.state();
    if (confirmIsNoop(state, lang)) return false;
    const stamp = this.stamp(nextSeq(state), author);
    this.doc.transact(() => this.map.set(confirmStampKey(lang), stamp), ALIGNMENT_ORIGIN);
    return true;
  }

  destroy(): void {
    this.map.unobserve(this.onMapChange);
    this.doc.off('afterTransaction', this.onTransaction);
  }

  private state(): AlignmentState {
    this.parsed ??= parseAlignment(this.map.entries(), this.languages);
    return this.parsed;
  }

  private stamp(seq: number, author: StampAuthor): AlignmentStamp {
    return { seq, at: this.now().toISOString(), by: author.participantId, name: author.name };
  }

  private readonly onMapChange = () => {
    this.parsed = undefined;
  };

  /**
   * After every transaction: which paragraphs of which version it touched. Paragraphs
   * added or removed show in the list of ids; a change inside one is found by walking up
   * from each changed type to the top-level block holding it.
   */
  private readonly onTransaction = (txn: Y.Transaction) => {
    if (txn.origin === ALIGNMENT_ORIGIN) return;
    const author = authorOf(txn.origin);
    const touched = new Map<Language, Set<string>>();
    const touch = (lang: Language, pid: string) => {
      const set = touched.get(lang) ?? new Set<string>();
      touched.set(lang, set.add(pid));
    };
    for (const type of txn.changed.keys()) {
      let node: AnyType = type;
      while (node._item !== null && (node._item.parent as AnyType)._item !== null) {
        node = node._item.parent as AnyType;
      }
      if (node._item === null) {
        const lang = this.langOf.get(node);
        if (!lang) continue;
        const before = this.paragraphs.get(lang)!;
        const after = paragraphIds(this.fragments.get(lang)!);
        this.paragraphs.set(lang, after);
        if (!author) continue;
        const kept = new Set(before);
        for (const pid of after) if (!kept.delete(pid)) touch(lang, pid);
        for (const pid of kept) if (!after.includes(pid)) touch(lang, pid);
        continue;
      }
      const lang = this.langOf.get(node._item.parent as AnyType);
      if (!lang || node._item.deleted || !(node instanceof Y.XmlElement)) continue;
      const pid = node.getAttribute(PARAGRAPH_ID_ATTRIBUTE);
      if (isParagraphId(pid)) {
        // An id given to a block in place (a unique-id extension) changes the list too.
        if (txn.changed.get(type)?.has(PARAGRAPH_ID_ATTRIBUTE)) {
          this.paragraphs.set(lang, paragraphIds(this.fragments.get(lang)!));
        }
        if (author) touch(lang, pid);
      }
    }
    if (author && touched.size > 0) this.stampEdits(touched, author);
  };

  private stampEdits(touched: Map<Language, Set<string>>, author: StampAuthor): void {
    const state = this.state();
    const now = this.now();
    const due: string[] = [];
    for (const [lang, pids] of touched) {
      for (const pid of pids) {
        if (needsEditStamp(state, lang, pid, author.participantId, now)) due.push(editStampKey(lang, pid));
      }
    }
    if (due.length === 0) return;
    const stamp = this.stamp(nextSeq(state), author);
    this.doc.transact(() => {
      for (const key of due) this.map.set(key, stamp);
    }, ALIGNMENT_ORIGIN);
  }
}

/** Ids of a version's top-level blocks, in order; blocks without a valid id are not paired. */
function paragraphIds(fragment: Y.XmlFragment): string[] {
  const ids: string[] = [];
  for (const child of fragment.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    const pid = child.getAttribute(PARAGRAPH_ID_ATTRIBUTE);
    if (isParagraphId(pid)) ids.push(pid);
  }
  return ids;
}
