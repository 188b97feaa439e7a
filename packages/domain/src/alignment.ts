import {
  type AlignmentStamp,
  isAlignmentStamp,
  type Language,
  type LanguageVersion,
  type VersionStatus,
} from '@roundtable/protocol/client';

/*
 * Whether the language versions of a draft say the same thing, paragraph by paragraph.
 *
 * The rule (docs/architecture.md "Language versions"): confirming version L at time c(L)
 * says "as of now, L corresponds to every other version". So paragraph p of version M is out
 * of date when another version L changed p after both confirmations, c(L) and c(M):
 *   e(L, p) > c(L)  and  e(L, p) > c(M).
 * A translator's catch-up edit in M is consumed by M's own confirmation, so confirming M
 * clears M and never pushes the change back to L; a paragraph both versions changed since
 * their last confirmations is out of date in both, until one of them is confirmed.
 * Times are stamps' `seq`, an order within the document, not clocks.
 */

/** The stamps of one draft, parsed from its alignment Y.Map. */
export interface AlignmentState {
  /** Last edit of each paragraph of each version, by paragraph id. */
  edits: Partial<Record<Language, Map<string, AlignmentStamp>>>;
  /** Last confirmation of each version. */
  confirms: Partial<Record<Language, AlignmentStamp>>;
}

/**
 * Reads the alignment map's entries. Anything that is not a stamp under a known key is
 * ignored: a client can write to the map like to any part of the document.
 */
export function parseAlignment(entries: Iterable<[string, unknown]>, languages: readonly Language[]): AlignmentState {
  const state: AlignmentState = { edits: {}, confirms: {} };
  for (const lang of languages) state.edits[lang] = new Map();
  for (const [key, value] of entries) {
    if (!isAlignmentStamp(value)) continue;
    const [kind, lang, pid, ...rest] = key.split(':');
    if (!lang || !languages.includes(lang as Language) || rest.length > 0) continue;
    if (kind === 'confirm' && pid === undefined) state.confirms[lang as Language] = value;
    else if (kind === 'edit' && pid) state.edits[lang as Language]!.set(pid, value);
  }
  return state;
}

/** The seq a new stamp gets: above every stamp of the document. */
export function nextSeq(state: AlignmentState): number {
  let max = 0;
  for (const c of Object.values(state.confirms)) max = Math.max(max, c.seq);
  for (const edits of Object.values(state.edits)) for (const e of edits.values()) max = Math.max(max, e.seq);
  return max + 1;
}

const confirmSeq = (state: AlignmentState, lang: Language) => state.confirms[lang]?.seq ?? 0;

/** An edit stamp is rewritten at most this often while one person keeps typing in a paragraph. */
export const EDIT_STAMP_REFRESH_MS = 30_000;

/**
 * Whether an edit of paragraph `pid` of `lang` by `by` needs a new stamp. The stamp already
 * there still says the right thing when it is newer than every confirmation (so it keeps the
 * counterparts out of date) and is that person's, recent: typing a sentence writes one stamp,
 * not one per keystroke.
 */
export function needsEditStamp(state: AlignmentState, lang: Language, pid: string, by: string, now: Date): boolean {
  const stamp = state.edits[lang]?.get(pid);
  if (!stamp) return true;
  const newestConfirm = Math.max(0, ...Object.values(state.confirms).map((c) => c.seq));
  if (stamp.seq <= newestConfirm || stamp.by !== by) return true;
  const at = Date.parse(stamp.at);
  return !(now.getTime() - at < EDIT_STAMP_REFRESH_MS);
}

/**
 * Whether confirming `lang` would change nothing: it was confirmed after every edit of
 * every version. A repeated confirmation then writes nothing.
 */
export function confirmIsNoop(state: AlignmentState, lang: Language): boolean {
  const confirmed = confirmSeq(state, lang);
  for (const edits of Object.values(state.edits)) {
    for (const e of edits.values()) if (e.seq > confirmed) return false;
  }
  return true;
}

/** Why one paragraph of a version is marked, for the people re-aligning it. */
export type ParagraphMark =
  | { pid: string; state: 'out_of_date'; editedIn: Language; edit: AlignmentStamp }
  | {
      pid: string;
      state: 'missing';
      /** The version that has it. */
      presentIn: Language;
      /** The paragraph it follows there that this version has too (null: at the start). */
      after: string | null;
    };

export interface Alignment {
  versions: LanguageVersion[];
  /** Marked paragraphs of each version, in the order of the version holding them. */
  marks: Record<Language, ParagraphMark[]>;
}

/**
 * The alignment of a draft's versions. `paragraphs` holds each version's paragraph ids in
 * order (paragraphs without an id are not paired). A single version is always aligned.
 */
export function computeAlignment(
  languages: readonly Language[],
  paragraphs: Partial<Record<Language, readonly string[]>>,
  state: AlignmentState,
): Alignment {
  const marks = Object.fromEntries(languages.map((l) => [l, [] as ParagraphMark[]])) as Record<
    Language,
    ParagraphMark[]
  >;
  const present = Object.fromEntries(languages.map((l) => [l, new Set(paragraphs[l] ?? [])])) as Record<
    Language,
    Set<string>
  >;
  if (languages.length > 1) {
    for (const m of languages) {
      const stale = new Map<string, { editedIn: Language; edit: AlignmentStamp }>();
      for (const l of languages) {
        if (l === m) continue;
        const bar = Math.max(confirmSeq(state, l), confirmSeq(state, m));
        for (const [pid, edit] of state.edits[l] ?? []) {
          if (edit.seq <= bar) continue;
          const known = stale.get(pid);
          if (!known || known.edit.seq < edit.seq) stale.set(pid, { editedIn: l, edit });
        }
      }
      const seen = new Set<string>();
      for (const pid of paragraphs[m] ?? []) {
        const s = stale.get(pid);
        if (s && !seen.has(pid)) marks[m].push({ pid, state: 'out_of_date', ...s });
        seen.add(pid);
      }
      for (const l of languages) {
        if (l === m) continue;
        let after: string | null = null;
        for (const pid of paragraphs[l] ?? []) {
          if (present[m].has(pid)) {
            after = pid;
            continue;
          }
          // Deleted here on purpose, after the other version last changed it: the other
          // version is out of date instead (its own edits say so), this one lacks nothing.
          const deletedHere = state.edits[m]?.get(pid);
          const editedThere = state.edits[l]?.get(pid);
          if (deletedHere && (!editedThere || deletedHere.seq > editedThere.seq)) continue;
          if (!seen.has(pid)) marks[m].push({ pid, state: 'missing', presentIn: l, after });
          seen.add(pid);
        }
      }
    }
  }
  const versions = languages.map((lang): LanguageVersion => {
    const outOfDate = marks[lang].filter((k) => k.state === 'out_of_date').length;
    const missing = marks[lang].length - outOfDate;
    const status: VersionStatus = missing > 0 ? 'missing' : outOfDate > 0 ? 'out_of_date' : 'aligned';
    return { lang, status, outOfDateParagraphs: outOfDate, missingParagraphs: missing };
  });
  return { versions, marks };
}
