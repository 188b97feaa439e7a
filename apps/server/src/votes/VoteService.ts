import type { Logger } from 'pino';
import {
  decisionAgainstOutcome,
  isDraftFrozen,
  parseBallot,
  tallyVote,
  voteRecommendationIds,
} from '@roundtable/domain';
import {
  DEFAULT_DOTS_BUDGET,
  isSingleMotion,
  type FrozenTextsResponse,
  type Language,
  type ParsedPayload,
  type RecommendationDto,
  type Role,
  type RoomCounts,
  type Tally,
  type VoteOption,
  type VoteUpdated,
  type VoterGroup,
} from '@roundtable/protocol';
import type { DraftGate } from '../collab/DraftGate.js';
import { AppError } from '../errors.js';
import { toRecommendationDto } from '../sessions/SessionService.js';
import type { BallotChange, BallotRecord, Storage, VoteRecord } from '../storage/Storage.js';
import { BallotWriter } from './BallotWriter.js';
import { VoteTimers } from './VoteTimers.js';
import { amendmentVoteRecord } from './amendmentVote.js';
import { ballotChanges, voterKey } from './ballotChanges.js';
import { freezeVersions, newVoteRecord } from './newVote.js';
import { motionQuestion } from './motionQuestion.js';
import { voteView } from './voteView.js';

/** Turnout broadcasts during a vote are coalesced over this window (a storm is one update). */
export const VOTE_UPDATE_THROTTLE_MS = 200;

/**
 * Every instance looks for timed votes opened elsewhere this often, so a timed close
 * still fires when the instance that opened the vote is gone.
 */
export const VOTE_TIMER_SWEEP_MS = 5_000;

/** Who acts, as their token and join record say. */
export interface Actor {
  sessionId: string;
  participantId: string;
  role: Role;
  group: VoterGroup;
}

/** What the vote service tells live clients (the Broadcaster). */
export interface VoteEvents {
  /** `forFacilitators` carries the full tally; `forOthers` what others may see. */
  voteUpdated(sessionId: string, forFacilitators: VoteUpdated, forOthers: VoteUpdated): void;
  recommendationUpdated(sessionId: string, recommendation: RecommendationDto): void;
}

/**
 * What else happens when votes open and decisions are made (history, amendments). Each
 * is told after the fact and logs its own failures: the vote or decision stands.
 */
export interface VoteHooks {
  /** A vote opened (about recommendations, or on an amendment). */
  voteOpened?(vote: VoteRecord): Promise<void>;
  /** A vote closed. */
  voteClosed?(vote: VoteRecord): Promise<void>;
  /** A recommendation was decided. */
  decided?(sessionId: string, recommendationId: string): Promise<void>;
}

/**
 * Votes: the server is the only authority. Ballots are acknowledged once stored;
 * tallies are always derived from stored ballots; a vote on a recommendation
 * freezes its draft and records the exact text voted on.
 */
export class VoteService {
  private readonly writer: BallotWriter;
  private readonly timers: VoteTimers;
  private readonly pendingBroadcasts = new Map<string, NodeJS.Timeout>();
  /** Recommendations whose vote is being opened here (see open). */
  private readonly opening = new Set<string>();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly storage: Pick<Storage, 'sessions' | 'recommendations' | 'votes' | 'roomCounts' | 'amendments'>,
    private readonly drafts: DraftGate,
    private readonly events: VoteEvents,
    /** Keys the voter hash of anonymous ballots; never leaves the server. */
    private readonly secret: string,
    private readonly log: Logger,
    private readonly hooks: VoteHooks = {},
    private readonly now: () => Date = () => new Date(),
  ) {
    this.writer = new BallotWriter(storage);
    this.timers = new VoteTimers((vote) => this.closeVote(vote).then(() => undefined), log);
  }

  /** Re-arms the timers of open timed votes in storage, and keeps looking for new ones. */
  async resumeTimers(): Promise<void> {
    await this.armTimedVotes();
    this.sweeper = setInterval(() => {
      this.armTimedVotes().catch((err: unknown) => this.log.warn({ err }, 'timed vote sweep failed'));
    }, VOTE_TIMER_SWEEP_MS);
    this.sweeper.unref();
  }

  /** Arms a timer for every open timed vote in storage that has none here. */
  private async armTimedVotes(): Promise<void> {
    for (const vote of await this.storage.votes.listTimedOpenVotes()) {
      if (!this.timers.isArmed(vote.id)) this.timers.arm(vote);
    }
  }

  stop(): void {
    clearInterval(this.sweeper);
    this.timers.close();
    for (const t of this.pendingBroadcasts.values()) clearTimeout(t);
    this.pendingBroadcasts.clear();
  }

  /** Facilitator opens a vote (payload parsed, role checked by the gateway). */
  async open(actor: Actor, p: ParsedPayload<'vote:open'>): Promise<VoteRecord> {
    if (p.amendmentId !== undefined) return this.openOnAmendment(actor, p, p.amendmentId);
    const recIds = p.recommendationId ? [p.recommendationId] : (p.recommendationIds ?? []);
    // One open per recommendation at a time on this instance, so two quick clicks cannot
    // both pass the "no open vote about it" check below.
    if (recIds.some((id) => this.opening.has(id))) {
      throw new AppError('conflict', 'a vote about this recommendation is being opened');
    }
    for (const id of recIds) this.opening.add(id);
    try {
      return await this.openUnlocked(actor, p, recIds);
    } finally {
      for (const id of recIds) this.opening.delete(id);
    }
  }

  private async openUnlocked(actor: Actor, p: ParsedPayload<'vote:open'>, recIds: string[]): Promise<VoteRecord> {
    const recs = [];
    // api-v1 1.1: a recommendation is never stranded by a closed vote. Whatever its status
    // (voting after a closed motion, decided, to amend), it may be voted on again once no
    // vote about it is open.
    const openAbout = new Set(
      (await this.storage.votes.listVotes(actor.sessionId))
        .filter((v) => v.status === 'open')
        .flatMap((v) => voteRecommendationIds(v)),
    );
    for (const id of recIds) {
      const rec = await this.storage.recommendations.getRecommendation(actor.sessionId, id);
      if (!rec) throw new AppError('not_found', `no recommendation ${id} in this session`);
      if (openAbout.has(id))
        throw new AppError('conflict', `a vote about recommendation ${id} is open: close it first`);
      recs.push(rec);
    }
    const question =
      p.question ??
      (p.recommendationId && recs[0]
        ? motionQuestion(recs[0].title, (await this.storage.sessions.getSession(actor.sessionId))?.language ?? 'fr')
        : null);
    const options: VoteOption[] = isSingleMotion(p.method)
      ? []
      : recs.length > 0
        ? recs.map((r, i) => ({ id: `o${i + 1}`, label: r.title, recommendationId: r.id }))
        : (p.options ?? []).map((label, i) => ({ id: `o${i + 1}`, label, recommendationId: null }));

    // Freeze first, then read: no edit can land between the text we store and the vote.
    for (const id of recIds) this.drafts.setFrozen(id, true);
    try {
      const { frozenTexts, languagesOverridden } = await freezeVersions(
        this.storage,
        this.drafts,
        actor.sessionId,
        recIds,
        p.overrideLanguages ?? false,
      );
      const vote = newVoteRecord(actor.sessionId, p, this.now(), {
        recommendationId: p.recommendationId ?? null,
        amendmentId: null,
        question,
        options,
        dotsBudget: p.method === 'dots' ? (p.dotsBudget ?? DEFAULT_DOTS_BUDGET) : null,
        frozenTexts,
        languagesOverridden,
      });
      await this.storage.votes.openVote(vote);
      this.timers.arm(vote);
      for (const rec of recs)
        this.events.recommendationUpdated(actor.sessionId, toRecommendationDto({ ...rec, status: 'voting' }));
      await this.broadcast(vote);
      await this.hooks.voteOpened?.(vote);
      return vote;
    } catch (err) {
      for (const rec of recs) this.drafts.setFrozen(rec.id, isDraftFrozen(rec.status));
      throw err;
    }
  }

  /** A vote on an amendment (amendmentVote.ts), one open at a time per amendment here. */
  private async openOnAmendment(actor: Actor, p: ParsedPayload<'vote:open'>, amendmentId: string): Promise<VoteRecord> {
    if (this.opening.has(amendmentId)) throw new AppError('conflict', 'a vote on this amendment is being opened');
    this.opening.add(amendmentId);
    try {
      const vote = await amendmentVoteRecord(this.storage, actor.sessionId, p, amendmentId, this.now);
      await this.storage.votes.openVote(vote);
      this.timers.arm(vote);
      await this.broadcast(vote);
      await this.hooks.voteOpened?.(vote);
      return vote;
    } finally {
      this.opening.delete(amendmentId);
    }
  }

  /** The frozen texts of a vote, in every language or one (GET .../votes/:voteId/texts). */
  async frozenTexts(actor: Actor, voteId: string, lang?: Language): Promise<FrozenTextsResponse> {
    const vote = await this.storage.votes.getVote(actor.sessionId, voteId);
    if (!vote) throw new AppError('not_found', 'no such vote in this session');
    return { texts: vote.frozenTexts.filter((f) => !lang || f.lang === lang) };
  }

  /** Stores the actor's ballot (replacing an earlier one) and resolves once it is durable. */
  async cast(actor: Actor, payload: ParsedPayload<'vote:cast'>): Promise<void> {
    const vote = await this.storage.votes.getVote(actor.sessionId, payload.voteId);
    if (!vote) throw new AppError('not_found', 'no such vote in this session');
    if (vote.status !== 'open') throw new AppError('vote_closed', 'this vote is closed');
    const ballot = parseBallot(vote, payload.ballot);
    if (!ballot.ok) throw new AppError('invalid_ballot', ballot.message);

    const stored = await this.writer.write({
      voteId: vote.id,
      voterKey: voterKey(this.secret, vote, actor.participantId),
      participantId: vote.anonymous ? null : actor.participantId,
      group: vote.splitByGroup ? actor.group : 'unspecified',
      ballot: ballot.ballot,
      castAt: vote.anonymous ? null : this.now().toISOString(),
    });
    if (!stored) throw new AppError('vote_closed', 'this vote closed before the ballot arrived');
    this.scheduleBroadcast(vote);
  }

  /** The ballots to take back when a person leaves the count (ballotChanges.ts). */
  ballotChanges(
    sessionId: string,
    from: string,
    merge?: { into: string; fromIsLater: boolean },
  ): Promise<BallotChange[]> {
    return ballotChanges(this.storage, this.secret, sessionId, from, merge);
  }

  /** After ballots were withdrawn or merged: everyone sees the open votes' new turnout. */
  async ballotsChanged(sessionId: string, voteIds: readonly string[]): Promise<void> {
    for (const id of new Set(voteIds)) {
      const vote = await this.storage.votes.getVote(sessionId, id);
      if (vote?.status === 'open') await this.broadcast(vote);
    }
  }

  /** A deleted session's votes: their timers here are disarmed (other instances find none open). */
  forgetVotes(voteIds: readonly string[]): void {
    for (const id of voteIds) this.timers.disarm(id);
  }

  /** Facilitator closes a vote; closing a closed vote just returns its tally. */
  async close(actor: Actor, payload: ParsedPayload<'vote:close'>): Promise<Tally> {
    const vote = await this.storage.votes.getVote(actor.sessionId, payload.voteId);
    if (!vote) throw new AppError('not_found', 'no such vote in this session');
    return (await this.closeVote(vote)).tally;
  }

  /** After a vote, the facilitator records what becomes of a recommendation. */
  async decide(actor: Actor, payload: ParsedPayload<'recommendation:decide'>): Promise<RecommendationDto> {
    const { recommendationId, outcome } = payload;
    const rec = await this.storage.recommendations.getRecommendation(actor.sessionId, recommendationId);
    if (!rec) throw new AppError('not_found', 'no such recommendation in this session');
    const votes = (await this.storage.votes.listVotes(actor.sessionId)).filter((v) =>
      voteRecommendationIds(v).includes(recommendationId),
    );
    if (votes.some((v) => v.status === 'open')) throw new AppError('conflict', 'close the vote first');
    if (votes.length === 0) throw new AppError('conflict', 'put the recommendation to a vote first');
    // The last closed vote speaks for the room; a decision against its outcome says why.
    const last = votes.reduce((a, b) => ((b.closedAt ?? '') > (a.closedAt ?? '') ? b : a));
    const tally = tallyVote(last, await this.storage.votes.listBallots(last.id), {
      includeReasons: false,
      room: await this.storage.roomCounts.getRoomCounts(last.id),
    });
    if (decisionAgainstOutcome(tally, outcome) && !payload.reason) {
      throw new AppError('invalid_request', 'this decision goes against the outcome of the vote: give a reason', [
        { path: ['reason'], message: 'required when the decision goes against the vote' },
      ]);
    }
    const reason = payload.reason ?? null;
    await this.storage.recommendations.decideRecommendation(recommendationId, outcome, reason);
    this.drafts.setFrozen(recommendationId, isDraftFrozen(outcome));
    const updated = toRecommendationDto({ ...rec, status: outcome, decisionReason: reason });
    this.events.recommendationUpdated(actor.sessionId, updated);
    await this.hooks.decided?.(actor.sessionId, recommendationId);
    return updated;
  }

  /** A vote as the role may see it (see mayReadTally: on_close tallies wait for the close). */
  async view(vote: VoteRecord, role: Role): Promise<VoteUpdated> {
    const [ballots, room] = await this.ballotsAndRoom(vote.id);
    return voteView(vote, ballots, room, role);
  }

  private ballotsAndRoom(voteId: string): Promise<[BallotRecord[], RoomCounts | undefined]> {
    return Promise.all([this.storage.votes.listBallots(voteId), this.storage.roomCounts.getRoomCounts(voteId)]);
  }

  async get(actor: Actor, voteId: string): Promise<VoteUpdated> {
    const vote = await this.storage.votes.getVote(actor.sessionId, voteId);
    if (!vote) throw new AppError('not_found', 'no such vote in this session');
    return this.view(vote, actor.role);
  }

  async list(actor: Actor): Promise<VoteUpdated[]> {
    const votes = await this.storage.votes.listVotes(actor.sessionId);
    return Promise.all(votes.map((v) => this.view(v, actor.role)));
  }

  private async closeVote(vote: VoteRecord): Promise<{ tally: Tally }> {
    const closedAt = this.now().toISOString();
    const closedNow = await this.storage.votes.closeVote(vote.id, closedAt);
    this.timers.disarm(vote.id);
    const stored = closedNow ? undefined : await this.storage.votes.getVote(vote.sessionId, vote.id);
    // Gone: its session was deleted (a timer of another instance may still fire).
    if (!closedNow && !stored) throw new AppError('not_found', 'no such vote in this session');
    const closed = stored ?? { ...vote, status: 'closed' as const, closedAt };
    if (closedNow) {
      // A prioritising vote (score, ranking, dots) ranks drafts, it does not decide them:
      // they are editable again. A motion keeps its draft frozen until the decision.
      if (!isSingleMotion(closed.method)) await this.thaw(closed);
      await this.broadcast(closed);
      await this.hooks.voteClosed?.(closed);
    }
    const [ballots, room] = await this.ballotsAndRoom(vote.id);
    return { tally: tallyVote(closed, ballots, { includeReasons: true, room }) };
  }

  private async thaw(vote: VoteRecord): Promise<void> {
    for (const id of voteRecommendationIds(vote)) {
      const rec = await this.storage.recommendations.getRecommendation(vote.sessionId, id);
      if (rec?.status !== 'voting') continue;
      await this.storage.recommendations.setRecommendationStatus(id, 'draft');
      this.drafts.setFrozen(id, false);
      this.events.recommendationUpdated(vote.sessionId, toRecommendationDto({ ...rec, status: 'draft' }));
    }
  }

  private scheduleBroadcast(vote: VoteRecord): void {
    if (this.pendingBroadcasts.has(vote.id)) return;
    const timer = setTimeout(() => {
      this.pendingBroadcasts.delete(vote.id);
      // Re-read: the vote may have closed meanwhile.
      void this.storage.votes
        .getVote(vote.sessionId, vote.id)
        .then((fresh) => (fresh?.status === 'open' ? this.broadcast(fresh) : undefined))
        .catch((err: unknown) => this.log.warn({ err }, 'vote broadcast failed'));
    }, VOTE_UPDATE_THROTTLE_MS);
    this.pendingBroadcasts.set(vote.id, timer);
  }

  /** Every audience sees the vote as it is now (turnout, and the tally where it may). */
  async broadcast(vote: VoteRecord): Promise<void> {
    const [ballots, room] = await this.ballotsAndRoom(vote.id);
    this.events.voteUpdated(
      vote.sessionId,
      voteView(vote, ballots, room, 'facilitator'),
      voteView(vote, ballots, room, 'participant'),
    );
  }
}
