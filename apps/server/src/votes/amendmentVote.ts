import type { ParsedPayload } from '@roundtable/protocol';
import { sha256 } from '../crypto/sha256.js';
import { AppError } from '../errors.js';
import type { Storage, VoteRecord } from '../storage/Storage.js';
import { amendmentQuestion } from './motionQuestion.js';
import { newVoteRecord } from './newVote.js';

/**
 * api-v1 1.1 `vote:open { amendmentId }`: a single motion on one proposed amendment. It
 * does not decide the recommendation (`recommendationId` stays null) nor freeze its draft:
 * the amendment's own words are what is voted on, frozen as its replacement text.
 * Returns the vote to open, after the checks; VoteService stores and announces it.
 */
export async function amendmentVoteRecord(
  storage: Pick<Storage, 'sessions' | 'recommendations' | 'votes' | 'amendments'>,
  sessionId: string,
  p: ParsedPayload<'vote:open'>,
  amendmentId: string,
  now: () => Date,
): Promise<VoteRecord> {
  const amendment = await storage.amendments.getAmendment(sessionId, amendmentId);
  if (!amendment) throw new AppError('not_found', 'no such amendment in this session');
  if (p.recommendationId !== undefined && p.recommendationId !== amendment.recommendationId) {
    throw new AppError('invalid_request', 'this amendment is to another recommendation', [
      { path: ['recommendationId'], message: 'must be the amendment’s recommendation' },
    ]);
  }
  if (amendment.status !== 'proposed') throw new AppError('conflict', `this amendment is already ${amendment.status}`);
  const votes = await storage.votes.listVotes(sessionId);
  if (votes.some((v) => v.status === 'open' && v.amendmentId === amendmentId)) {
    throw new AppError('conflict', 'a vote on this amendment is open: close it first');
  }
  const [rec, session] = await Promise.all([
    storage.recommendations.getRecommendation(sessionId, amendment.recommendationId),
    storage.sessions.getSession(sessionId),
  ]);
  return newVoteRecord(sessionId, p, now(), {
    recommendationId: null,
    amendmentId,
    question:
      p.question ??
      amendmentQuestion(rec?.title ?? '', amendment.original, amendment.replacement, session?.language ?? 'fr'),
    options: [],
    dotsBudget: null,
    frozenTexts: [
      {
        recommendationId: amendment.recommendationId,
        lang: amendment.lang,
        text: amendment.replacement,
        sha256: sha256(amendment.replacement),
      },
    ],
    languagesOverridden: false,
  });
}
