import type { QuestionState, Role } from '@roundtable/protocol';
import type { ListedQuestion, QuestionRecord, QuestionStore } from '../Storage.js';
import { SqlStore } from './SqlStore.js';

/** States that stay on the projector; leaving them takes a question off it. */
const PROJECTABLE: readonly QuestionState[] = ['approved', 'answered'];

/** Tries of one toggle racing others of the same person (each round settles at least one). */
const MAX_TOGGLE_ATTEMPTS = 16;

/** Questions from the room and their upvotes (one row per question and person). */
export class SqlQuestionStore extends SqlStore implements QuestionStore {
  async addQuestion(q: QuestionRecord): Promise<void> {
    await this.driver.changes(
      this.db.insertInto('questions').values({
        id: q.id,
        session_id: q.sessionId,
        author_id: q.authorId,
        text: q.text,
        lang: q.lang,
        state: q.state,
        projected: q.projected ? 1 : 0,
        created_at: q.createdAt,
      }),
    );
  }

  async deleteQuestion(sessionId: string, id: string): Promise<void> {
    await this.driver.batch([
      this.db.deleteFrom('question_upvotes').where('question_id', '=', id).where('session_id', '=', sessionId),
      this.db.deleteFrom('questions').where('id', '=', id).where('session_id', '=', sessionId),
    ]);
  }

  async countQuestions(sessionId: string, authorId: string): Promise<{ pendingOfAuthor: number; total: number }> {
    const [row] = await this.driver.rows(
      this.db
        .selectFrom('questions')
        .select((eb) => [
          eb.fn.countAll<number | string>().as('total'),
          eb.fn
            .sum<number | string | null>(
              eb
                .case()
                .when(eb.and([eb('author_id', '=', authorId), eb('state', '=', 'pending')]))
                .then(1)
                .else(0)
                .end(),
            )
            .as('pending'),
        ])
        .where('session_id', '=', sessionId),
    );
    return { pendingOfAuthor: Number(row?.pending ?? 0), total: Number(row?.total ?? 0) };
  }

  async listQuestions(sessionId: string): Promise<ListedQuestion[]> {
    return this.select(sessionId);
  }

  async getQuestion(sessionId: string, id: string): Promise<ListedQuestion | undefined> {
    const [q] = await this.select(sessionId, id);
    return q;
  }

  private async select(sessionId: string, id?: string): Promise<ListedQuestion[]> {
    let query = this.db
      .selectFrom('questions as q')
      .leftJoin('participants as p', (j) =>
        j.onRef('p.id', '=', 'q.author_id').onRef('p.session_id', '=', 'q.session_id'),
      )
      .select((eb) => [
        'q.id',
        'q.session_id',
        'q.author_id',
        'q.text',
        'q.lang',
        'q.state',
        'q.projected',
        'q.created_at',
        'p.role',
        'p.name',
        eb
          .selectFrom('question_upvotes as u')
          .select((e) => e.fn.countAll<number | string>().as('n'))
          .whereRef('u.question_id', '=', 'q.id')
          .as('votes'),
      ])
      .where('q.session_id', '=', sessionId);
    if (id !== undefined) query = query.where('q.id', '=', id);
    const rows = await this.driver.rows(query);
    return rows.map((r) => ({
      id: r.id,
      sessionId: r.session_id,
      authorId: r.author_id,
      text: r.text,
      lang: r.lang,
      state: r.state as QuestionState,
      projected: Number(r.projected) === 1,
      createdAt: r.created_at,
      votes: Number(r.votes ?? 0),
      authorRole: (r.role ?? 'observer') as Role,
      authorName: r.name ?? '',
    }));
  }

  async toggleUpvote(sessionId: string, questionId: string, participantId: string): Promise<boolean> {
    // Each toggle changes the row once. Two of one person's devices toggling at once could
    // otherwise both find the row, both delete it, and one of the two toggles would be lost:
    // a delete that finds nothing (the other toggle removed it in between) adds it back.
    for (let attempt = 1; ; attempt++) {
      const added = await this.driver.changes(
        this.db
          .insertInto('question_upvotes')
          .values({ question_id: questionId, session_id: sessionId, participant_id: participantId })
          .onConflict((oc) => oc.columns(['question_id', 'participant_id']).doNothing()),
      );
      if (added === 1) return true;
      const removed = await this.driver.changes(
        this.db
          .deleteFrom('question_upvotes')
          .where('question_id', '=', questionId)
          .where('participant_id', '=', participantId),
      );
      if (removed === 1 || attempt >= MAX_TOGGLE_ATTEMPTS) return false;
    }
  }

  async listUpvotes(sessionId: string, participantIds: readonly string[]): Promise<Map<string, Set<string>>> {
    const byPerson = new Map<string, Set<string>>(participantIds.map((id) => [id, new Set<string>()]));
    if (participantIds.length === 0) return byPerson;
    const rows = await this.driver.rows(
      this.db
        .selectFrom('question_upvotes')
        .select(['question_id', 'participant_id'])
        .where('session_id', '=', sessionId)
        .where('participant_id', 'in', [...participantIds]),
    );
    for (const r of rows) byPerson.get(r.participant_id)?.add(r.question_id);
    return byPerson;
  }

  async setQuestionState(sessionId: string, id: string, state: QuestionState): Promise<boolean> {
    const changed = await this.driver.changes(
      this.db
        .updateTable('questions')
        .set(PROJECTABLE.includes(state) ? { state } : { state, projected: 0 })
        .where('session_id', '=', sessionId)
        .where('id', '=', id),
    );
    return changed === 1;
  }

  async setProjected(sessionId: string, id: string | null): Promise<void> {
    await this.driver.batch([
      this.db
        .updateTable('questions')
        .set({ projected: 0 })
        .where('session_id', '=', sessionId)
        .where('projected', '=', 1),
      ...(id === null
        ? []
        : [
            this.db
              .updateTable('questions')
              .set({ projected: 1 })
              .where('session_id', '=', sessionId)
              .where('id', '=', id),
          ]),
    ]);
  }

  async retireAuthor(sessionId: string, participantId: string, into: string | null): Promise<void> {
    const { db } = this;
    const withdraw = db
      .deleteFrom('question_upvotes')
      .where('session_id', '=', sessionId)
      .where('participant_id', '=', participantId);
    if (into === null) {
      await this.driver.changes(withdraw);
      return;
    }
    await this.driver.batch([
      // Upvotes `into` had not given move over; where both had upvoted, one stays.
      db
        .updateTable('question_upvotes')
        .set({ participant_id: into })
        .where('session_id', '=', sessionId)
        .where('participant_id', '=', participantId)
        .where('question_id', 'not in', (eb) =>
          eb.selectFrom('question_upvotes as kept').select('kept.question_id').where('kept.participant_id', '=', into),
        ),
      withdraw,
      db
        .updateTable('questions')
        .set({ author_id: into })
        .where('session_id', '=', sessionId)
        .where('author_id', '=', participantId),
    ]);
  }
}
