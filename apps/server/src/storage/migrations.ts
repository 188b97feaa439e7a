import type { ColumnDefinitionBuilder, Compilable, CreateTableBuilder, Kysely } from 'kysely';
import type { Tables } from './rows.js';
import type { SqlDialectName, SqlDriver } from './SqlDriver.js';

/** What a migration builds its statements from. */
interface SchemaContext {
  db: Kysely<Tables>;
  dialect: SqlDialectName;
}

/** A versioned change of the schema: its statements, in order, run in one transaction. */
export interface Migration {
  version: number;
  statements: (ctx: SchemaContext) => Compilable<unknown>[];
}

// The few column types the two databases spell differently. The SQL they produce is what
// the former per-dialect migrations wrote, so databases created by those read unchanged.

/** Yjs update bytes: BLOB in SQLite, BYTEA in PostgreSQL. */
const bytesType = (dialect: SqlDialectName) => (dialect === 'sqlite' ? 'blob' : 'bytea');
/** SQLite has no boolean type: 0/1 in an INTEGER. */
const booleanType = (dialect: SqlDialectName) => (dialect === 'sqlite' ? 'integer' : 'boolean');
/** An ever-growing row number: AUTOINCREMENT in SQLite (never reused), BIGSERIAL in PostgreSQL. */
function addSerialKey<T extends string>(table: CreateTableBuilder<T>, name: string, dialect: SqlDialectName) {
  return dialect === 'sqlite'
    ? table.addColumn(name, 'integer', (c) => c.primaryKey().autoIncrement())
    : table.addColumn(name, 'bigserial', (c) => c.primaryKey());
}

const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
const sessionRef = (c: ColumnDefinitionBuilder) => c.notNull().references('sessions.id').onDelete('cascade');

/**
 * Versioned schema of both stores. Append only: a released migration is never edited, a
 * change is a new version. Versions 1 to 3 are the tables the former SQLite and PostgreSQL
 * migration lists created, version for version.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    statements: ({ db, dialect }) => [
      db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', notNull)
        .addColumn('kind', 'text', notNull)
        .addColumn('level', 'text')
        .addColumn('themes', 'text', notNull)
        .addColumn('language', 'text', notNull)
        .addColumn('participant_code', 'text', (c) => c.notNull().unique())
        .addColumn('observer_code', 'text', (c) => c.notNull().unique())
        .addColumn('facilitator_code_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', notNull),
      db.schema
        .createTable('participants')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', sessionRef)
        .addColumn('name', 'text', notNull)
        .addColumn('organisation', 'text')
        .addColumn('organisation_type', 'text')
        .addColumn('role', 'text', notNull)
        .addColumn('created_at', 'text', notNull),
      db.schema.createIndex('participants_session').on('participants').column('session_id'),
      db.schema
        .createTable('recommendations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', sessionRef)
        .addColumn('title', 'text', notNull)
        .addColumn('theme', 'text')
        .addColumn('status', 'text', notNull)
        .addColumn('created_at', 'text', notNull),
      db.schema.createIndex('recommendations_session').on('recommendations').column('session_id'),
      addSerialKey(db.schema.createTable('doc_updates'), 'seq', dialect)
        .addColumn('doc_name', 'text', notNull)
        .addColumn('data', bytesType(dialect), notNull),
      db.schema.createIndex('doc_updates_doc').on('doc_updates').columns(['doc_name', 'seq']),
    ],
  },
  {
    version: 2,
    statements: ({ db, dialect }) => [
      db.schema
        .createTable('votes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', sessionRef)
        .addColumn('method', 'text', notNull)
        .addColumn('status', 'text', notNull)
        .addColumn('recommendation_id', 'text')
        .addColumn('question', 'text')
        .addColumn('options', 'text', notNull)
        .addColumn('anonymous', booleanType(dialect), notNull)
        .addColumn('results', 'text', notNull)
        .addColumn('quorum', 'integer')
        .addColumn('dots_budget', 'integer')
        .addColumn('split_by_group', booleanType(dialect), notNull)
        .addColumn('frozen_texts', 'text', notNull)
        .addColumn('opened_at', 'text', notNull)
        .addColumn('closes_at', 'text')
        .addColumn('closed_at', 'text'),
      db.schema.createIndex('votes_session').on('votes').columns(['session_id', 'opened_at']),
      db.schema.createIndex('votes_open').on('votes').columns(['status', 'closes_at']),
      // One row per voter and vote. voter_key is the participant id for named votes and an
      // HMAC of it for anonymous ones (participant_id and cast_at then stay NULL), which is
      // all it takes to stop double voting.
      db.schema
        .createTable('ballots')
        .addColumn('vote_id', 'text', (c) => c.notNull().references('votes.id').onDelete('cascade'))
        .addColumn('voter_key', 'text', notNull)
        .addColumn('participant_id', 'text')
        .addColumn('voter_group', 'text', notNull)
        .addColumn('ballot', 'text', notNull)
        .addColumn('cast_at', 'text')
        // PostgreSQL's own name for an unnamed key, so both lists agree with older databases.
        .addPrimaryKeyConstraint('ballots_pkey', ['vote_id', 'voter_key']),
    ],
  },
  {
    version: 3,
    // One facilitation state per session (agenda, timer, queue, floor, tour, speaking
    // time), written with an expected revision so instances change it one at a time.
    statements: ({ db }) => [
      db.schema
        .createTable('facilitation_states')
        .addColumn('session_id', 'text', (c) => c.primaryKey().references('sessions.id').onDelete('cascade'))
        .addColumn('revision', 'integer', notNull)
        .addColumn('state', 'text', notNull),
    ],
  },
  {
    version: 4,
    // Why the facilitator decided against the last closed vote's outcome (api-v1 1.1);
    // NULL for a decision that follows it, or none yet.
    statements: ({ db }) => [db.schema.alterTable('recommendations').addColumn('decision_reason', 'text')],
  },
  {
    version: 5,
    // api-v1 1.1 language versions: a session's languages (JSON array), a recommendation's
    // titles per language (JSON object), and whether a vote was opened over versions out of
    // step. NULL in older rows, read as the 1.0 defaults (rows.ts).
    statements: ({ db, dialect }) => [
      db.schema.alterTable('sessions').addColumn('languages', 'text'),
      db.schema.alterTable('recommendations').addColumn('titles', 'text'),
      db.schema.alterTable('votes').addColumn('languages_overridden', booleanType(dialect)),
    ],
  },
  {
    version: 6,
    // People (api-v1.1): invitations with personal codes (hashed), attendance times,
    // removal and merging of rows, and whether the shared codes still join.
    // open_join is an INTEGER 0/1 on both databases, so one DEFAULT serves them.
    statements: ({ db }) => [
      db.schema.alterTable('sessions').addColumn('open_join', 'integer', (c) => c.notNull().defaultTo(1)),
      db.schema.alterTable('participants').addColumn('code_hash', 'text'),
      db.schema.alterTable('participants').addColumn('first_seen_at', 'text'),
      db.schema.alterTable('participants').addColumn('last_seen_at', 'text'),
      db.schema.alterTable('participants').addColumn('removed_at', 'text'),
      db.schema.alterTable('participants').addColumn('merged_into', 'text'),
      // Several NULLs are allowed in a unique index, on both databases.
      db.schema.createIndex('participants_code_hash').on('participants').column('code_hash').unique(),
    ],
  },
  {
    version: 7,
    // Retention (api-v1.1): after retention_days, names become "Participant 1…n".
    statements: ({ db }) => [
      db.schema.alterTable('sessions').addColumn('retention_days', 'integer'),
      db.schema.alterTable('sessions').addColumn('anonymised_at', 'text'),
    ],
  },
  {
    version: 8,
    // Questions from the room (api-v1.1). The author is a participant id only: their name is
    // the participant row's, so retention's pseudonyms and deletion reach questions too.
    // One upvote per question and person (the key), whatever their number of devices.
    statements: ({ db }) => [
      db.schema
        .createTable('questions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', sessionRef)
        .addColumn('author_id', 'text', notNull)
        .addColumn('text', 'text', notNull)
        .addColumn('lang', 'text', notNull)
        .addColumn('state', 'text', notNull)
        // 0/1 on both databases; at most one 1 per session (QuestionStore.setProjected).
        .addColumn('projected', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', notNull),
      db.schema.createIndex('questions_session').on('questions').columns(['session_id', 'author_id']),
      db.schema
        .createTable('question_upvotes')
        .addColumn('question_id', 'text', (c) => c.notNull().references('questions.id').onDelete('cascade'))
        .addColumn('session_id', 'text', sessionRef)
        .addColumn('participant_id', 'text', notNull)
        .addPrimaryKeyConstraint('question_upvotes_pkey', ['question_id', 'participant_id']),
      db.schema
        .createIndex('question_upvotes_session')
        .on('question_upvotes')
        .columns(['session_id', 'participant_id']),
    ],
  },
  {
    version: 9,
    // #16: where a session meets (free text, NULL when not given).
    statements: ({ db }) => [db.schema.alterTable('sessions').addColumn('place', 'text')],
  },
  {
    version: 10,
    // #16: the IANA zone a session's times are written in; NULL (older sessions): Europe/Brussels.
    statements: ({ db }) => [db.schema.alterTable('sessions').addColumn('time_zone', 'text')],
  },
  {
    version: 11,
    // Amendments and history (api-v1 1.1). Amendments and versions name their session, so
    // deleting it deletes them; doc_editors is keyed by document, deleted with its updates.
    // People are named by id only: retention replaces names in participants, nowhere else.
    statements: ({ db, dialect }) => [
      db.schema.alterTable('votes').addColumn('amendment_id', 'text'),
      db.schema
        .createTable('amendments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', sessionRef)
        .addColumn('recommendation_id', 'text', notNull)
        .addColumn('lang', 'text', notNull)
        .addColumn('original', 'text', notNull)
        .addColumn('replacement', 'text', notNull)
        .addColumn('reason', 'text')
        .addColumn('status', 'text', notNull)
        .addColumn('author_id', 'text', notNull)
        .addColumn('created_at', 'text', notNull)
        .addColumn('decided_at', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('vote_id', 'text'),
      db.schema.createIndex('amendments_recommendation').on('amendments').columns(['recommendation_id', 'created_at']),
      db.schema.createIndex('amendments_session').on('amendments').column('session_id'),
      db.schema
        .createTable('doc_versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', sessionRef)
        .addColumn('recommendation_id', 'text', notNull)
        .addColumn('created_at', 'text', notNull)
        .addColumn('reason', 'text', notNull)
        .addColumn('label', 'text')
        .addColumn('restored_from', 'text')
        .addColumn('amendment_id', 'text')
        .addColumn('vote_id', 'text')
        .addColumn('texts', 'text', notNull)
        .addColumn('hashes', 'text', notNull)
        .addColumn('editors', 'text', notNull)
        .addColumn('state', bytesType(dialect)),
      db.schema
        .createIndex('doc_versions_recommendation')
        .on('doc_versions')
        .columns(['recommendation_id', 'created_at']),
      db.schema.createIndex('doc_versions_session').on('doc_versions').column('session_id'),
      db.schema
        .createTable('doc_editors')
        .addColumn('doc_name', 'text', notNull)
        .addColumn('participant_id', 'text', notNull)
        .addColumn('last_edit_at', 'text', notNull)
        .addPrimaryKeyConstraint('doc_editors_pkey', ['doc_name', 'participant_id']),
    ],
  },
  {
    version: 12,
    // Counts from the room (api-v1.1): hands counted by the facilitator, one row per vote.
    statements: ({ db }) => [
      db.schema
        .createTable('vote_room_counts')
        .addColumn('vote_id', 'text', (c) => c.primaryKey().references('votes.id').onDelete('cascade'))
        .addColumn('counts', 'text', notNull)
        .addColumn('updated_at', 'text', notNull),
    ],
  },
];

/**
 * Runs the migrations not yet recorded in schema_migrations (the table and its columns are
 * those of the former stores, so their databases continue where they were).
 */
export async function migrate(driver: SqlDriver, migrations: readonly Migration[] = MIGRATIONS): Promise<void> {
  const { db, dialect } = driver;
  await driver.exclusive(async (tx) => {
    await tx.changes(
      db.schema
        .createTable('schema_migrations')
        .ifNotExists()
        .addColumn('version', 'integer', (c) => c.primaryKey())
        .addColumn('applied_at', 'text', notNull),
    );
    const applied = new Set(
      (await tx.rows(db.selectFrom('schema_migrations').select('version'))).map((r) => Number(r.version)),
    );
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await tx.batch([
        ...m.statements({ db, dialect }),
        db.insertInto('schema_migrations').values({ version: m.version, applied_at: new Date().toISOString() }),
      ]);
    }
  });
}
