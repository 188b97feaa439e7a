import { checkRoomCounts, peoplePresent } from '@roundtable/domain';
import type { ParsedPayload, VoteUpdated } from '@roundtable/protocol';
import { AppError } from '../errors.js';
import type { PresenceStore } from '../presence/PresenceStore.js';
import type { Storage, VoteRecord } from '../storage/Storage.js';
import type { Actor } from './VoteService.js';
import { voteView } from './voteView.js';

/** Tells every audience a vote's current state (VoteService.broadcast). */
export interface VoteAnnouncer {
  broadcast(vote: VoteRecord): Promise<void>;
}

/**
 * api-v1 1.1 `vote:roomCounts`: the facilitator enters the hands counted in the room, into an
 * open or a closed vote (a show of hands is often counted after the electronic vote closed);
 * they replace the previous room counts. Refused when they and the electronic ballots
 * would be more than the people present now (distinct people, observers not counted).
 */
export class RoomCountService {
  constructor(
    private readonly storage: Pick<Storage, 'votes' | 'roomCounts'>,
    /** Who is online now, on every instance (room counts are checked against it). */
    private readonly presence: Pick<PresenceStore, 'list'>,
    private readonly votes: VoteAnnouncer,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async enter(actor: Actor, payload: ParsedPayload<'vote:roomCounts'>): Promise<VoteUpdated> {
    const vote = await this.storage.votes.getVote(actor.sessionId, payload.voteId);
    if (!vote) throw new AppError('not_found', 'no such vote in this session');
    const ballots = await this.storage.votes.listBallots(vote.id);
    const online = await this.presence.list(actor.sessionId);
    const checked = checkRoomCounts(vote, payload, {
      electronicBallots: ballots.length,
      peoplePresent: peoplePresent(online),
    });
    if (!checked.ok) throw new AppError(checked.code, checked.message);
    await this.storage.roomCounts.setRoomCounts(vote.id, checked.counts, this.now().toISOString());
    await this.votes.broadcast(vote);
    return voteView(vote, ballots, checked.counts, actor.role);
  }
}
