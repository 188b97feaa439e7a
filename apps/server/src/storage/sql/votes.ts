import { sql } from 'kysely';
import { voteRecommendationIds } from '@roundtable/domain';
import { compileOnce } from '../compileOnce.js';
import { toBallot, toVote } from '../rows.js';
import type { BallotRecord, VoteRecord, VoteStore } from '../Storage.js';
import { bit } from './sqlValues.js';
import { SqlStore } from './SqlStore.js';

/** Votes and ballots. */
export class SqlVoteStore extends SqlStore implements VoteStore {
  async openVote(v: VoteRecord): Promise<void> {
    await this.driver.batch([
      this.db.insertInto('votes').values({
        id: v.id,
        session_id: v.sessionId,
        method: v.method,
        status: v.status,
        recommendation_id: v.recommendationId,
        question: v.question,
        options: JSON.stringify(v.options),
        anonymous: bit(v.anonymous),
        results: v.results,
        quorum: v.quorum,
        dots_budget: v.dotsBudget,
        split_by_group: bit(v.splitByGroup),
        frozen_texts: JSON.stringify(v.frozenTexts),
        languages_overridden: bit(v.languagesOverridden),
        amendment_id: v.amendmentId,
        opened_at: v.openedAt,
        closes_at: v.closesAt,
        closed_at: v.closedAt,
      }),
      ...voteRecommendationIds(v).map((id) =>
        this.db.updateTable('recommendations').set({ status: 'voting' }).where('id', '=', id),
      ),
    ]);
  }

  async getVote(sessionId: string, id: string): Promise<VoteRecord | undefined> {
    const [row] = await this.driver.rows(
      this.db.selectFrom('votes').selectAll().where('session_id', '=', sessionId).where('id', '=', id),
    );
    return row && toVote(row);
  }

  async listVotes(sessionId: string): Promise<VoteRecord[]> {
    const rows = await this.driver.rows(
      this.db.selectFrom('votes').selectAll().where('session_id', '=', sessionId).orderBy('opened_at').orderBy('id'),
    );
    return rows.map(toVote);
  }

  async listTimedOpenVotes(): Promise<VoteRecord[]> {
    const rows = await this.driver.rows(
      this.db.selectFrom('votes').selectAll().where('status', '=', 'open').where('closes_at', 'is not', null),
    );
    return rows.map(toVote);
  }

  async castBallots(ballots: readonly BallotRecord[]): Promise<boolean[]> {
    const counts = await this.driver.batch(
      ballots.map((b) => this.upsertBallot({ ...b, ballot: JSON.stringify(b.ballot) })),
    );
    return counts.map((n) => n === 1);
  }

  /**
   * The open-check and the write are one statement, so a ballot racing a close is either
   * stored before the close or refused: never stored into a closed vote. On PostgreSQL the
   * vote row is also share-locked, so the close's UPDATE waits for the ballot's commit.
   * Compiled once: this is the hot path of a vote (see compileOnce).
   */
  readonly upsertBallot = compileOnce(['voteId', 'voterKey', 'participantId', 'group', 'ballot', 'castAt'], (p) =>
    this.db
      .insertInto('ballots')
      .columns(['vote_id', 'voter_key', 'participant_id', 'voter_group', 'ballot', 'cast_at'])
      .expression(
        this.db
          .selectNoFrom((eb) => [
            eb.val(p.voteId).as('vote_id'),
            eb.val(p.voterKey).as('voter_key'),
            eb.val(p.participantId).as('participant_id'),
            eb.val(p.group).as('voter_group'),
            eb.val(p.ballot).as('ballot'),
            eb.val(p.castAt).as('cast_at'),
          ])
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('votes')
                .select(eb.lit(1).as('one'))
                .where('id', '=', p.voteId)
                .where('status', '=', 'open')
                .$if(this.driver.dialect === 'postgres', (q) => q.forShare()),
            ),
          ),
      )
      .onConflict((oc) =>
        oc.columns(['vote_id', 'voter_key']).doUpdateSet((eb) => ({
          participant_id: eb.ref('excluded.participant_id'),
          voter_group: eb.ref('excluded.voter_group'),
          ballot: eb.ref('excluded.ballot'),
          cast_at: eb.ref('excluded.cast_at'),
        })),
      ),
  );

  async listBallots(voteId: string): Promise<BallotRecord[]> {
    const rows = await this.driver.rows(
      this.db.selectFrom('ballots').selectAll().where('vote_id', '=', voteId).orderBy('voter_key'),
    );
    return rows.map(toBallot);
  }

  /**
   * Closes the vote and, in the same transaction, gives each of its anonymous ballots a new
   * random key. The keyed hash (ballotChanges.ts) is needed while the vote is open, to replace
   * a recast and withdraw a removed person's ballot; once closed, nothing uses it, and with the
   * server's secret it would tie a ballot to a person for ever. After the close, not even the
   * operator with the secret can. No ballot lands after it: a cast checks the vote is open in
   * its own statement (upsertBallot), and on PostgreSQL waits for this transaction.
   */
  async closeVote(id: string, closedAt: string): Promise<boolean> {
    const randomKey =
      this.driver.dialect === 'sqlite'
        ? sql<string>`lower(hex(randomblob(16)))`
        : sql<string>`md5(gen_random_uuid()::text)`;
    const [changed] = await this.driver.batch([
      this.db
        .updateTable('votes')
        .set({ status: 'closed', closed_at: closedAt })
        .where('id', '=', id)
        .where('status', '=', 'open'),
      this.db
        .updateTable('ballots')
        .set({ voter_key: randomKey })
        .where('vote_id', '=', id)
        .where('participant_id', 'is', null)
        .where('vote_id', 'in', (eb) =>
          eb.selectFrom('votes').select('id').where('id', '=', id).where('anonymous', '=', bit(true)),
        ),
    ]);
    return changed === 1;
  }

  /** An EXISTS subquery: the vote is still open (a closed vote keeps its tally). */
  openVoteQuery(voteId: string) {
    return this.db
      .selectFrom('votes')
      .select((eb) => eb.lit(1).as('one'))
      .where('id', '=', voteId)
      .where('status', '=', 'open');
  }
}
