import { migrate } from './migrations.js';
import type { SqlDriver } from './SqlDriver.js';
import { SqlDocStore } from './sql/docs.js';
import { SqlFacilitationStore } from './sql/facilitation.js';
import { SqlPeopleStore } from './sql/people.js';
import { SqlQuestionStore } from './sql/questions.js';
import { SqlRecommendationStore } from './sql/recommendations.js';
import { SqlSessionStore } from './sql/sessions.js';
import { SqlVoteStore } from './sql/votes.js';
import { SqlAmendmentStore } from './sql/amendments.js';
import { SqlHistoryStore } from './sql/history.js';
import { SqlRoomCountStore } from './sql/roomCounts.js';
import type { Storage } from './Storage.js';

/**
 * The one Storage on SQL, the same queries for SQLite and PostgreSQL: the driver brings the
 * dialect (Kysely compiles each query for it) and the way statements are run; each module's
 * port is its own class in `sql/`.
 */
export class SqlStorage implements Storage {
  readonly sessions: SqlSessionStore;
  readonly people: SqlPeopleStore;
  readonly recommendations: SqlRecommendationStore;
  readonly votes: SqlVoteStore;
  readonly roomCounts: SqlRoomCountStore;
  readonly facilitation: SqlFacilitationStore;
  readonly docs: SqlDocStore;
  readonly amendments: SqlAmendmentStore;
  readonly history: SqlHistoryStore;
  readonly questions: SqlQuestionStore;

  constructor(private readonly driver: SqlDriver) {
    this.sessions = new SqlSessionStore(driver);
    this.votes = new SqlVoteStore(driver);
    this.roomCounts = new SqlRoomCountStore(driver);
    this.people = new SqlPeopleStore(driver, this.votes);
    this.recommendations = new SqlRecommendationStore(driver);
    this.facilitation = new SqlFacilitationStore(driver);
    this.docs = new SqlDocStore(driver);
    this.amendments = new SqlAmendmentStore(driver);
    this.history = new SqlHistoryStore(driver);
    this.questions = new SqlQuestionStore(driver);
  }

  migrate(): Promise<void> {
    return migrate(this.driver);
  }

  ping(): Promise<boolean> {
    return this.driver.ping();
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
