/**
 * What this browser last saw of each draft version, for "changes since you left": per
 * recommendation and language, the text as it was and the newest history version then.
 * One localStorage entry for all of them, bounded: the texts are cut at MAX_SEEN_TEXT
 * characters and only the MAX_SEEN_DRAFTS most recently seen drafts are kept, so a device
 * used in many meetings does not fill its storage (a few hundred KiB at most).
 */
export interface SeenDraft {
  /** The newest history version when it was seen (null: the draft had none yet). */
  versionId: string | null;
  /** Plain text seen, paragraphs joined by "\n"; cut at MAX_SEEN_TEXT characters. */
  text: string;
  /** Whether `text` was cut (a diff against it would show a false deletion at its end). */
  truncated: boolean;
  /** When it was seen, ms since the epoch. */
  at: number;
}

export const LAST_SEEN_KEY = 'roundtable.lastSeen';
export const MAX_SEEN_DRAFTS = 30;
export const MAX_SEEN_TEXT = 10_000;

type Entries = Record<string, SeenDraft>;

const keyOf = (recommendationId: string, lang: string) => `${recommendationId}:${lang}`;

function isSeen(value: unknown): value is SeenDraft {
  const v = value as Partial<SeenDraft> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    (v.versionId === null || typeof v.versionId === 'string') &&
    typeof v.text === 'string' &&
    typeof v.truncated === 'boolean' &&
    typeof v.at === 'number'
  );
}

/** Every well-formed entry stored; anything unreadable (another version, a hand edit) is dropped. */
function readAll(storage: Storage | null): Entries {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(LAST_SEEN_KEY) ?? null;
  } catch {
    return {};
  }
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).filter(([, v]) => isSeen(v))) as Entries;
  } catch {
    return {};
  }
}

/** The browser's localStorage, or null where it throws (private mode, policy). */
export function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** What was last seen of this draft version on this device, if anything. */
export function lastSeen(storage: Storage | null, recommendationId: string, lang: string): SeenDraft | null {
  return readAll(storage)[keyOf(recommendationId, lang)] ?? null;
}

/**
 * Records what is seen now of this draft version, dropping the least recently seen drafts
 * beyond MAX_SEEN_DRAFTS. A full storage is not an error: the feature just forgets.
 */
export function recordSeen(
  storage: Storage | null,
  recommendationId: string,
  lang: string,
  seen: { versionId: string | null; text: string },
  now: number,
): void {
  if (!storage) return;
  const entries = readAll(storage);
  entries[keyOf(recommendationId, lang)] = {
    versionId: seen.versionId,
    text: seen.text.slice(0, MAX_SEEN_TEXT),
    truncated: seen.text.length > MAX_SEEN_TEXT,
    at: now,
  };
  const kept = Object.entries(entries)
    .sort(([, a], [, b]) => b.at - a.at)
    .slice(0, MAX_SEEN_DRAFTS);
  try {
    storage.setItem(LAST_SEEN_KEY, JSON.stringify(Object.fromEntries(kept)));
  } catch {
    // Quota exceeded or storage disabled: nothing to keep.
  }
}
