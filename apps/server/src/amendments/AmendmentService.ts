import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { can, isDraftFrozen, overlapping, TokenBucket, uniqueRange } from '@roundtable/domain';
import {
  AMENDMENT_RATE,
  MAX_OPEN_AMENDMENTS_PER_PERSON,
  draftBodyField,
  type AmendmentDto,
  type Language,
  type ParsedPayload,
  type ProposeAmendmentBody,
  type Role,
} from '@roundtable/protocol';
import type { DocRegistry } from '../collab/DocRegistry.js';
import type { ReplacementRefusal } from '../collab/textReplacement.js';
import { AppError } from '../errors.js';
import type { HistoryService } from '../history/HistoryService.js';
import type { AmendmentRecord, RecommendationRecord, Storage, VoteRecord } from '../storage/Storage.js';

/** Who acts (token claims or socket data). */
export interface AmendmentActor {
  sessionId: string;
  participantId: string;
  role: Role;
  name: string;
}

/** What the amendment service tells live clients (the Broadcaster). */
export interface AmendmentEvents {
  amendmentUpdated(sessionId: string, amendment: AmendmentDto): void;
}

/** Why an accepted amendment could not be applied, for the `conflict` message. */
const REFUSALS: Record<ReplacementRefusal, string> = {
  not_once: 'the amended passage no longer occurs exactly once in the draft (the amendment is stale)',
  spans_blocks: 'the amended passage spans paragraphs or a line break: edit the draft itself',
  line_break: 'the replacement holds a line break: a new paragraph is written in the draft itself',
  unclean: 'the draft holds control characters around the passage: edit the draft itself',
};

/**
 * Amendments (api-v1 1.1): a participant proposes to replace a passage of one language
 * version, the facilitator accepts (applied to the draft on the server, one Yjs edit) or
 * rejects it, by consensus or after a vote on it (VoteService, `vote:open { amendmentId }`).
 * Whether one is stale or overlaps another is read from the draft's text when it is shown.
 */
export class AmendmentService {
  /** Per person; a person proposing in a burst is refused, not the room. */
  private readonly buckets = new Map<string, TokenBucket>();
  /** Amendments being decided here, so two quick clicks do not both apply. */
  private readonly deciding = new Set<string>();

  constructor(
    private readonly storage: Pick<Storage, 'sessions' | 'recommendations' | 'votes' | 'people' | 'amendments'>,
    private readonly docs: Pick<DocRegistry, 'readVersions' | 'applyTextReplacement'>,
    private readonly history: Pick<HistoryService, 'recordQuietly'>,
    private readonly events: AmendmentEvents,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** POST .../recommendations/:id/amendments. */
  async propose(actor: AmendmentActor, recommendationId: string, body: ProposeAmendmentBody): Promise<AmendmentDto> {
    if (!can(actor.role, 'editDrafts')) throw new AppError('forbidden', 'observers do not amend drafts');
    const { rec, languages } = await this.recommendation(actor.sessionId, recommendationId);
    const lang = body.lang ?? languages[0]!;
    if (!languages.includes(lang)) throw new AppError('not_found', `this recommendation has no ${lang} version`);
    this.takeToken(actor.participantId);
    if ((await this.storage.amendments.countProposed(rec.id, actor.participantId)) >= MAX_OPEN_AMENDMENTS_PER_PERSON) {
      throw new AppError(
        'rate_limited',
        `you have ${MAX_OPEN_AMENDMENTS_PER_PERSON} amendments of this recommendation waiting: wait for decisions first`,
      );
    }
    const { texts } = await this.docs.readVersions(rec.id, languages);
    if (!uniqueRange(texts[lang], body.original)) {
      throw new AppError('conflict', 'the passage must occur exactly once in the current text of that version');
    }
    const amendment: AmendmentRecord = {
      id: randomUUID(),
      sessionId: actor.sessionId,
      recommendationId: rec.id,
      lang,
      original: body.original,
      replacement: body.replacement,
      reason: body.reason || null,
      status: 'proposed',
      authorId: actor.participantId,
      createdAt: this.now().toISOString(),
      decidedAt: null,
      decidedBy: null,
      voteId: null,
    };
    await this.storage.amendments.createAmendment(amendment);
    return this.announce(actor.sessionId, rec.id, amendment.id);
  }

  /** GET .../recommendations/:id/amendments: oldest first. */
  async list(sessionId: string, recommendationId: string): Promise<AmendmentDto[]> {
    await this.recommendation(sessionId, recommendationId);
    return this.views(sessionId, recommendationId);
  }

  /**
   * `amendment:decide` (facilitator). Accepted: applied to the draft first (refused with
   * `conflict` if stale, frozen, or its passage crosses paragraphs), then recorded, then a
   * version is kept. Decided by the vote on it when one closed, else by consensus.
   */
  async decide(actor: AmendmentActor, p: ParsedPayload<'amendment:decide'>): Promise<AmendmentDto> {
    if (this.deciding.has(p.amendmentId)) throw new AppError('conflict', 'this amendment is being decided');
    this.deciding.add(p.amendmentId);
    try {
      return await this.decideUnlocked(actor, p);
    } finally {
      this.deciding.delete(p.amendmentId);
    }
  }

  private async decideUnlocked(actor: AmendmentActor, p: ParsedPayload<'amendment:decide'>): Promise<AmendmentDto> {
    const amendment = await this.storage.amendments.getAmendment(actor.sessionId, p.amendmentId);
    if (!amendment) throw new AppError('not_found', 'no such amendment in this session');
    if (amendment.status !== 'proposed')
      throw new AppError('conflict', `this amendment is already ${amendment.status}`);
    const votes = (await this.storage.votes.listVotes(actor.sessionId)).filter((v) => v.amendmentId === amendment.id);
    if (votes.some((v) => v.status === 'open'))
      throw new AppError('conflict', 'close the vote on this amendment first');
    const lastVote = lastClosed(votes);
    const { rec, languages } = await this.recommendation(actor.sessionId, amendment.recommendationId);
    if (p.outcome === 'accepted') {
      if (isDraftFrozen(rec.status)) {
        throw new AppError('conflict', `recommendation is ${rec.status}: its draft does not change now`);
      }
      const result = await this.docs.applyTextReplacement(
        rec.id,
        actor.sessionId,
        draftBodyField(amendment.lang, languages),
        amendment.original,
        amendment.replacement,
        { participantId: actor.participantId, name: actor.name },
      );
      if (!result.ok) {
        // Its stale flag changed for everyone, even though nothing else did.
        if (result.refusal === 'not_once') void this.announceQuietly(actor.sessionId, rec.id, [amendment.id]);
        throw new AppError('conflict', REFUSALS[result.refusal]);
      }
    }
    const decided = await this.storage.amendments.decideAmendment(amendment.id, {
      status: p.outcome,
      decidedAt: this.now().toISOString(),
      decidedBy: lastVote ? 'vote' : 'consensus',
      voteId: lastVote?.id ?? null,
    });
    if (!decided) throw new AppError('conflict', 'this amendment was decided meanwhile');
    if (p.outcome === 'accepted') {
      await this.history.recordQuietly(actor.sessionId, rec.id, 'amendment_accepted', { amendmentId: amendment.id });
    }
    const views = await this.views(actor.sessionId, rec.id);
    // Accepting changes the text: the others' stale and overlap flags may change with it.
    for (const view of views) {
      if (view.id === amendment.id || (p.outcome === 'accepted' && view.status === 'proposed')) {
        this.events.amendmentUpdated(actor.sessionId, view);
      }
    }
    return views.find((v) => v.id === amendment.id)!;
  }

  /** A vote on an amendment opened or closed: everyone sees its `voteId`. */
  async voteChanged(sessionId: string, amendmentId: string): Promise<void> {
    const amendment = await this.storage.amendments.getAmendment(sessionId, amendmentId);
    if (amendment) await this.announceQuietly(sessionId, amendment.recommendationId, [amendmentId]);
  }

  /** Tells the session of some amendments' views, logging a failure (the change itself is done). */
  private async announceQuietly(sessionId: string, recommendationId: string, ids: readonly string[]): Promise<void> {
    try {
      for (const view of await this.views(sessionId, recommendationId)) {
        if (ids.includes(view.id)) this.events.amendmentUpdated(sessionId, view);
      }
    } catch (err) {
      this.log.warn({ err, recommendationId }, 'telling the session of an amendment failed');
    }
  }

  private async announce(sessionId: string, recommendationId: string, id: string): Promise<AmendmentDto> {
    const view = (await this.views(sessionId, recommendationId)).find((v) => v.id === id)!;
    this.events.amendmentUpdated(sessionId, view);
    return view;
  }

  /** Every amendment of a recommendation as the wire shows it, read against the current texts. */
  async views(sessionId: string, recommendationId: string): Promise<AmendmentDto[]> {
    const amendments = await this.storage.amendments.listAmendments(sessionId, recommendationId);
    if (amendments.length === 0) return [];
    const languages = (await this.storage.sessions.getSession(sessionId))?.languages ?? [];
    const { texts } = await this.docs.readVersions(recommendationId, languages);
    const votes = (await this.storage.votes.listVotes(sessionId)).filter((v) => v.amendmentId !== null);
    const overlaps = new Map<string, string[]>();
    for (const lang of languages) {
      const open = amendments.filter((a) => a.status === 'proposed' && a.lang === lang);
      for (const [id, ids] of overlapping(texts[lang] ?? '', open)) overlaps.set(id, ids);
    }
    const names = new Map<string, string>();
    for (const id of new Set(amendments.map((a) => a.authorId))) {
      names.set(id, (await this.storage.people.getParticipant(sessionId, id))?.name ?? '');
    }
    return amendments.map((a) => {
      const about = votes.filter((v) => v.amendmentId === a.id);
      const vote = about.find((v) => v.status === 'open') ?? lastClosed(about);
      return {
        id: a.id,
        recommendationId: a.recommendationId,
        lang: a.lang,
        original: a.original,
        replacement: a.replacement,
        reason: a.reason ?? '',
        status: a.status,
        authorId: a.authorId,
        authorName: names.get(a.authorId) ?? '',
        createdAt: a.createdAt,
        decidedAt: a.decidedAt,
        decidedBy: a.decidedBy,
        voteId: a.voteId ?? vote?.id ?? null,
        stale: a.status === 'proposed' && !uniqueRange(texts[a.lang] ?? '', a.original),
        overlaps: overlaps.get(a.id) ?? [],
      };
    });
  }

  private takeToken(participantId: string): void {
    const now = Date.now();
    let bucket = this.buckets.get(participantId);
    if (!bucket) {
      bucket = new TokenBucket(AMENDMENT_RATE.burst, AMENDMENT_RATE.perSecond, now);
      this.buckets.set(participantId, bucket);
    }
    if (!bucket.take(now)) {
      throw AppError.rateLimited('too many amendments at once: wait a little', 1000 / AMENDMENT_RATE.perSecond);
    }
  }

  private async recommendation(
    sessionId: string,
    id: string,
  ): Promise<{ rec: RecommendationRecord; languages: Language[] }> {
    const [rec, session] = await Promise.all([
      this.storage.recommendations.getRecommendation(sessionId, id),
      this.storage.sessions.getSession(sessionId),
    ]);
    if (!rec || !session) throw new AppError('not_found', 'no such recommendation in this session');
    return { rec, languages: session.languages };
  }
}

/** The vote closed last, if any. */
function lastClosed(votes: readonly VoteRecord[]): VoteRecord | undefined {
  return votes
    .filter((v) => v.status === 'closed')
    .reduce<VoteRecord | undefined>((a, b) => (!a || (b.closedAt ?? '') > (a.closedAt ?? '') ? b : a), undefined);
}
