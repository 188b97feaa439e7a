import type { Tables } from '../rows.js';
import { toSession } from '../rows.js';
import type { SessionRecord, SessionStore } from '../Storage.js';
import { asUniqueViolation, bit } from './sqlValues.js';
import { SqlStore } from './SqlStore.js';

/** Sessions: creation, codes, settings, retention, deletion. */
export class SqlSessionStore extends SqlStore implements SessionStore {
  async createSession(s: SessionRecord): Promise<void> {
    try {
      await this.driver.changes(
        this.db.insertInto('sessions').values({
          id: s.id,
          title: s.title,
          kind: s.kind,
          level: s.level,
          themes: JSON.stringify(s.themes),
          language: s.language,
          languages: JSON.stringify(s.languages),
          participant_code: s.participantCode,
          observer_code: s.observerCode,
          facilitator_code_hash: s.facilitatorCodeHash,
          created_at: s.createdAt,
          open_join: bit(s.openJoin),
          place: s.place,
          time_zone: s.timeZone,
        }),
      );
    } catch (err) {
      throw asUniqueViolation(err);
    }
  }

  async getSession(id: string): Promise<SessionRecord | undefined> {
    const [row] = await this.driver.rows(this.db.selectFrom('sessions').selectAll().where('id', '=', id));
    return row && toSession(row);
  }

  async findSessionByCode(shortCode: string, facilitatorCodeHash: string): Promise<SessionRecord | undefined> {
    const [row] = await this.driver.rows(
      this.db
        .selectFrom('sessions')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('participant_code', '=', shortCode),
            eb('observer_code', '=', shortCode),
            eb('facilitator_code_hash', '=', facilitatorCodeHash),
          ]),
        )
        .limit(1),
    );
    return row && toSession(row);
  }

  async setOpenJoin(sessionId: string, openJoin: boolean): Promise<void> {
    await this.driver.changes(
      this.db
        .updateTable('sessions')
        .set({ open_join: bit(openJoin) })
        .where('id', '=', sessionId),
    );
  }

  async setPlace(sessionId: string, place: string | null): Promise<void> {
    await this.driver.changes(this.db.updateTable('sessions').set({ place }).where('id', '=', sessionId));
  }

  async setRetention(sessionId: string, retentionDays: number | null): Promise<void> {
    await this.driver.changes(
      this.db.updateTable('sessions').set({ retention_days: retentionDays }).where('id', '=', sessionId),
    );
  }

  async listRetainedSessions(): Promise<SessionRecord[]> {
    const rows = await this.driver.rows(
      this.db
        .selectFrom('sessions')
        .selectAll()
        .where('retention_days', 'is not', null)
        .where('anonymised_at', 'is', null),
    );
    return rows.map(toSession);
  }

  async anonymiseSession(sessionId: string, at: string, names: (n: number) => string): Promise<void> {
    const people = await this.driver.rows(
      this.db
        .selectFrom('participants')
        .select('id')
        .where('session_id', '=', sessionId)
        .orderBy('created_at')
        .orderBy('id'),
    );
    await this.driver.batch([
      ...people.map((p, i) =>
        this.db
          .updateTable('participants')
          .set({ name: names(i + 1), organisation: null, code_hash: null })
          .where('id', '=', p.id),
      ),
      this.db.updateTable('sessions').set({ anonymised_at: at }).where('id', '=', sessionId),
    ]);
  }

  async setShortCodes(sessionId: string, participantCode: string, observerCode: string): Promise<void> {
    try {
      await this.driver.changes(
        this.db
          .updateTable('sessions')
          .set({ participant_code: participantCode, observer_code: observerCode })
          .where('id', '=', sessionId),
      );
    } catch (err) {
      throw asUniqueViolation(err);
    }
  }

  async deleteSession(sessionId: string, docNames: readonly string[]): Promise<void> {
    // Children first, explicitly: the cascades would do it on PostgreSQL, but SQLite runs
    // them only with foreign_keys on, and a table added later must be listed here anyway
    // (storage/suite/sessions.ts checks that no row still names the session).
    const votes = this.db.selectFrom('votes').select('id').where('session_id', '=', sessionId);
    await this.driver.batch([
      this.db.deleteFrom('ballots').where('vote_id', 'in', votes),
      this.db.deleteFrom('vote_room_counts').where('vote_id', 'in', votes),
      this.db.deleteFrom('votes').where('session_id', '=', sessionId),
      this.db.deleteFrom('facilitation_states').where('session_id', '=', sessionId),
      this.db.deleteFrom('amendments').where('session_id', '=', sessionId),
      this.db.deleteFrom('doc_versions').where('session_id', '=', sessionId),
      this.db.deleteFrom('question_upvotes').where('session_id', '=', sessionId),
      this.db.deleteFrom('questions').where('session_id', '=', sessionId),
      this.db.deleteFrom('participants').where('session_id', '=', sessionId),
      this.db.deleteFrom('recommendations').where('session_id', '=', sessionId),
      ...(docNames.length > 0
        ? [
            this.db.deleteFrom('doc_updates').where('doc_name', 'in', [...docNames]),
            this.db.deleteFrom('doc_editors').where('doc_name', 'in', [...docNames]),
          ]
        : []),
      this.db.deleteFrom('sessions').where('id', '=', sessionId),
    ]);
  }

  async reclaimDeletedSession(): Promise<void> {
    // SQLite: one checkpoint covers every table; PostgreSQL vacuums each one.
    const tables: (keyof Tables)[] =
      this.driver.dialect === 'sqlite'
        ? ['doc_updates']
        : [
            'ballots',
            'votes',
            'facilitation_states',
            'amendments',
            'doc_versions',
            'doc_editors',
            'question_upvotes',
            'questions',
            'participants',
            'recommendations',
            'doc_updates',
            'sessions',
          ];
    for (const table of tables) await this.driver.reclaimDeleted(table);
  }
}
