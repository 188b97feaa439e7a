import { compileOnce } from '../compileOnce.js';
import { toParticipant, toPerson } from '../rows.js';
import type { SqlDriver } from '../SqlDriver.js';
import type { BallotChange, InviteeRecord, ParticipantRecord, PeopleStore, PersonRecord } from '../Storage.js';
import { MAX_ROWS_PER_INSERT, asUniqueViolation } from './sqlValues.js';
import type { SqlVoteStore } from './votes.js';
import { SqlStore } from './SqlStore.js';

/** The columns every participant row has, from the record. */
const participantRow = (p: ParticipantRecord) => ({
  id: p.id,
  session_id: p.sessionId,
  name: p.name,
  organisation: p.organisation,
  organisation_type: p.organisationType,
  role: p.role,
  created_at: p.createdAt,
});

/** Participants: joins, invitations, attendance, removal and merging. */
export class SqlPeopleStore extends SqlStore implements PeopleStore {
  constructor(
    driver: SqlDriver,
    /** Withdrawing and moving ballots of a retired person is the vote store's query. */
    private readonly votes: SqlVoteStore,
  ) {
    super(driver);
  }

  async addParticipant(p: ParticipantRecord): Promise<void> {
    await this.driver.changes(
      this.db.insertInto('participants').values({
        ...participantRow(p),
        // Joining is being seen: a join with a shared code is a person arriving.
        first_seen_at: p.createdAt,
        last_seen_at: p.createdAt,
      }),
    );
  }

  async getParticipant(sessionId: string, id: string): Promise<ParticipantRecord | undefined> {
    const [row] = await this.driver.rows(
      this.db.selectFrom('participants').selectAll().where('session_id', '=', sessionId).where('id', '=', id),
    );
    return row && toParticipant(row);
  }

  async listParticipants(sessionId: string): Promise<ParticipantRecord[]> {
    const rows = await this.driver.rows(
      this.db
        .selectFrom('participants')
        .selectAll()
        .where('session_id', '=', sessionId)
        .where('first_seen_at', 'is not', null)
        .where('removed_at', 'is', null)
        .orderBy('created_at')
        .orderBy('id'),
    );
    return rows.map(toParticipant);
  }

  async getActiveParticipant(sessionId: string, id: string): Promise<ParticipantRecord | undefined> {
    const [row] = await this.driver.rows(this.selectActiveParticipant({ sessionId, id }));
    return row && toParticipant(row);
  }

  /** Compiled once: every REST request, socket.io and Yjs connection checks its token's person. */
  private readonly selectActiveParticipant = compileOnce(['sessionId', 'id'], (p) =>
    this.db
      .selectFrom('participants')
      .selectAll()
      .where('session_id', '=', p.sessionId)
      .where('id', '=', p.id)
      .where('removed_at', 'is', null),
  );

  async addInvitees(invitees: readonly InviteeRecord[]): Promise<void> {
    const rows = invitees.map((p) => ({ ...participantRow(p), code_hash: p.codeHash }));
    const inserts = [];
    for (let i = 0; i < rows.length; i += MAX_ROWS_PER_INSERT) {
      inserts.push(this.db.insertInto('participants').values(rows.slice(i, i + MAX_ROWS_PER_INSERT)));
    }
    try {
      await this.driver.batch(inserts);
    } catch (err) {
      throw asUniqueViolation(err);
    }
  }

  async findInvitee(codeHash: string): Promise<ParticipantRecord | undefined> {
    const [row] = await this.driver.rows(
      this.db.selectFrom('participants').selectAll().where('code_hash', '=', codeHash).where('removed_at', 'is', null),
    );
    return row && toParticipant(row);
  }

  async setPersonalCode(sessionId: string, id: string, codeHash: string): Promise<boolean> {
    try {
      const changed = await this.driver.changes(
        this.db
          .updateTable('participants')
          .set({ code_hash: codeHash })
          .where('session_id', '=', sessionId)
          .where('id', '=', id)
          .where('removed_at', 'is', null),
      );
      return changed === 1;
    } catch (err) {
      throw asUniqueViolation(err);
    }
  }

  async listPeople(sessionId: string): Promise<PersonRecord[]> {
    const rows = await this.driver.rows(
      this.db
        .selectFrom('participants')
        .selectAll()
        .where('session_id', '=', sessionId)
        .where('removed_at', 'is', null)
        .orderBy('created_at')
        .orderBy('id'),
    );
    return rows.map(toPerson);
  }

  async markSeen(seen: readonly { sessionId: string; participantId: string; at: string }[]): Promise<void> {
    if (seen.length === 0) return;
    await this.driver.batch(
      seen.map(({ sessionId, participantId, at }) =>
        this.db
          .updateTable('participants')
          .set((eb) => ({
            first_seen_at: eb.fn.coalesce('first_seen_at', eb.val(at)),
            last_seen_at: eb.val(at),
          }))
          .where('session_id', '=', sessionId)
          .where('id', '=', participantId),
      ),
    );
  }

  async retireParticipant(
    sessionId: string,
    id: string,
    change: { at: string; mergedInto: string | null; ballots: readonly BallotChange[] },
  ): Promise<boolean> {
    const [retired] = await this.driver.rows(
      this.db
        .selectFrom('participants')
        .select(['first_seen_at', 'last_seen_at'])
        .where('session_id', '=', sessionId)
        .where('id', '=', id)
        .where('removed_at', 'is', null),
    );
    if (!retired) return false;
    const counts = await this.driver.batch([
      this.db
        .updateTable('participants')
        .set({ removed_at: change.at, merged_into: change.mergedInto, code_hash: null })
        .where('session_id', '=', sessionId)
        .where('id', '=', id)
        .where('removed_at', 'is', null),
      ...(change.mergedInto && retired.first_seen_at
        ? [
            this.db
              .updateTable('participants')
              .set((eb) => ({
                first_seen_at: eb
                  .case()
                  .when('first_seen_at', 'is', null)
                  .then(retired.first_seen_at)
                  .when('first_seen_at', '>', retired.first_seen_at)
                  .then(retired.first_seen_at)
                  .else(eb.ref('first_seen_at'))
                  .end(),
                last_seen_at: eb
                  .case()
                  .when('last_seen_at', 'is', null)
                  .then(retired.last_seen_at)
                  .when('last_seen_at', '<', retired.last_seen_at ?? '')
                  .then(retired.last_seen_at)
                  .else(eb.ref('last_seen_at'))
                  .end(),
              }))
              .where('session_id', '=', sessionId)
              .where('id', '=', change.mergedInto),
          ]
        : []),
      // Only from votes still open: a closed vote keeps its tally.
      ...change.ballots.flatMap((b) => [
        this.db
          .deleteFrom('ballots')
          .where('vote_id', '=', b.voteId)
          .where('voter_key', '=', b.withdraw)
          .where((eb) => eb.exists(this.votes.openVoteQuery(b.voteId))),
        ...(b.replaceWith
          ? [this.votes.upsertBallot({ ...b.replaceWith, ballot: JSON.stringify(b.replaceWith.ballot) })]
          : []),
      ]),
    ]);
    return counts[0] === 1;
  }
}
