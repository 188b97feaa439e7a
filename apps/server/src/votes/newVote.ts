import type { FrozenText, ParsedPayload } from '@roundtable/protocol';
import { randomUUID } from 'node:crypto';
import type { DraftGate } from '../collab/DraftGate.js';
import { sha256 } from '../crypto/sha256.js';
import { AppError } from '../errors.js';
import type { Storage, VoteRecord } from '../storage/Storage.js';

/** What differs between a vote about recommendations and a vote on an amendment. */
type VoteSubject = Pick<
  VoteRecord,
  'recommendationId' | 'amendmentId' | 'question' | 'options' | 'dotsBudget' | 'frozenTexts' | 'languagesOverridden'
>;

/** A new open vote as stored, from the facilitator's payload and what it is about. */
export function newVoteRecord(
  sessionId: string,
  p: ParsedPayload<'vote:open'>,
  openedAt: Date,
  subject: VoteSubject,
): VoteRecord {
  return {
    id: randomUUID(),
    sessionId,
    method: p.method,
    status: 'open',
    ...subject,
    anonymous: p.anonymous,
    results: p.results,
    quorum: p.quorum ?? null,
    splitByGroup: p.splitByGroup,
    openedAt: openedAt.toISOString(),
    closesAt: p.durationSeconds ? new Date(openedAt.getTime() + p.durationSeconds * 1000).toISOString() : null,
    closedAt: null,
  };
}

/**
 * api-v1 1.1: every language version of each draft, read after the freeze, each with its
 * SHA-256. A version out of date or missing refuses the vote, unless the facilitator
 * overrides it, which the vote records.
 */
export async function freezeVersions(
  storage: Pick<Storage, 'sessions'>,
  drafts: Pick<DraftGate, 'readVersions'>,
  sessionId: string,
  recIds: readonly string[],
  overrideLanguages: boolean,
): Promise<{ frozenTexts: FrozenText[]; languagesOverridden: boolean }> {
  const languages = recIds.length > 0 ? ((await storage.sessions.getSession(sessionId))?.languages ?? []) : [];
  const frozenTexts: FrozenText[] = [];
  let languagesOverridden = false;
  for (const id of recIds) {
    const { texts, versions } = await drafts.readVersions(id, languages);
    // The session's first language is the original: a draft with no text there is not put to a vote.
    if ((texts[languages[0]!] ?? '').trim() === '') {
      throw new AppError('conflict', `recommendation ${id} has no text yet: write it first`);
    }
    const behind = versions.filter((v) => v.status !== 'aligned');
    if (behind.length > 0) {
      if (!overrideLanguages) {
        throw new AppError(
          'conflict',
          `language versions not aligned (${behind.map((v) => `${v.lang}: ${v.status}`).join(', ')}); confirm them or override`,
        );
      }
      languagesOverridden = true;
    }
    for (const lang of languages) {
      frozenTexts.push({ recommendationId: id, lang, text: texts[lang], sha256: sha256(texts[lang]) });
    }
  }
  return { frozenTexts, languagesOverridden };
}
