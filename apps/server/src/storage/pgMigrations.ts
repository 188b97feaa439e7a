/**
 * Versioned schema of the PostgreSQL store: the same tables and versions as
 * SQLITE_MIGRATIONS, in PostgreSQL's types. Append only.
 */
export const PG_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        kind TEXT NOT NULL,
        level TEXT,
        themes TEXT NOT NULL,
        language TEXT NOT NULL,
        participant_code TEXT NOT NULL UNIQUE,
        observer_code TEXT NOT NULL UNIQUE,
        facilitator_code_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      );
      CREATE TABLE participants (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        organisation TEXT,
        organisation_type TEXT,
        role TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX participants_session ON participants(session_id);
      CREATE TABLE recommendations (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        theme TEXT,
        status TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX recommendations_session ON recommendations(session_id);
      CREATE TABLE doc_updates (
        seq BIGSERIAL PRIMARY KEY,
        doc_name TEXT NOT NULL,
        data BYTEA NOT NULL
      );
      CREATE INDEX doc_updates_doc ON doc_updates(doc_name, seq);
    `,
  },
  {
    version: 2,
    sql: `
      CREATE TABLE votes (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        method TEXT NOT NULL,
        status TEXT NOT NULL,
        recommendation_id TEXT,
        question TEXT,
        options TEXT NOT NULL,
        anonymous BOOLEAN NOT NULL,
        results TEXT NOT NULL,
        quorum INTEGER,
        dots_budget INTEGER,
        split_by_group BOOLEAN NOT NULL,
        frozen_texts TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        closes_at TEXT,
        closed_at TEXT
      );
      CREATE INDEX votes_session ON votes(session_id, opened_at);
      CREATE INDEX votes_open ON votes(status, closes_at);
      CREATE TABLE ballots (
        vote_id TEXT NOT NULL REFERENCES votes(id) ON DELETE CASCADE,
        voter_key TEXT NOT NULL,
        participant_id TEXT,
        voter_group TEXT NOT NULL,
        ballot TEXT NOT NULL,
        cast_at TEXT,
        PRIMARY KEY (vote_id, voter_key)
      );
    `,
  },
  {
    version: 3,
    sql: `
      -- One facilitation state per session (agenda, timer, queue, floor, tour, speaking
      -- time), written with an expected revision so instances change it one at a time.
      CREATE TABLE facilitation_states (
        session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        state TEXT NOT NULL
      );
    `,
  },
];
