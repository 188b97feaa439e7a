import Database from 'better-sqlite3';
import pg from 'pg';
import { expect, vi } from 'vitest';
import type { AttendanceResponse, InvitationsResponse, JoinResponse, VoteDto, VoteUpdated } from '@roundtable/protocol';
import {
  api,
  appendParagraph,
  connectDoc,
  connectedSocket,
  createSessionFixture,
  emitAck,
  type connectSocket,
  type SessionFixture,
  type TestServer,
} from './testServer.js';

/*
 * What the people tests (people.test.ts, people-deletion.test.ts, people-retention.test.ts)
 * share: invitations, joins, votes and attendance through the public API; a session with
 * everything in it, and every row of every table, to look for what a deletion left.
 */

export type Sock = ReturnType<typeof connectSocket>;
/** Sockets a test file opened; `afterAll(closeOpened)` closes them. */
export const opened: { close(): void }[] = [];
export function closeOpened(): void {
  for (const x of opened.splice(0)) x.close();
}

export const invitees = [
  { name: 'Ana Peeters', organisation: 'CPAS Liège', organisationType: 'local_authority', role: 'participant' },
  { name: 'Bilal Amrani', organisationType: 'civil_society', role: 'participant' },
  { name: 'Chloé Dubois', role: 'observer' },
] as const;

export async function invite(t: TestServer, s: SessionFixture, people: readonly object[] = invitees) {
  return api<InvitationsResponse>(
    t.url,
    'POST',
    `/api/sessions/${s.sessionId}/invitations`,
    { people },
    s.facilitator.token,
  );
}

export const join = (t: TestServer, code: string, name = 'Whoever') =>
  api<JoinResponse>(t.url, 'POST', '/api/join', { code, name });

export async function openVote(fac: Sock, anonymous = false): Promise<VoteDto> {
  const res = await emitAck<{ vote: VoteDto }>(fac, 'vote:open', { method: 'approval', question: 'Q ?', anonymous });
  if (!res.ok) throw new Error(`vote:open refused: ${res.error.code}`);
  return res.vote;
}

export const getVote = (t: TestServer, s: SessionFixture, voteId: string) =>
  api<VoteUpdated>(t.url, 'GET', `/api/sessions/${s.sessionId}/votes/${voteId}`, undefined, s.facilitator.token);

export const attendance = (t: TestServer, s: SessionFixture) =>
  api<AttendanceResponse>(t.url, 'GET', `/api/sessions/${s.sessionId}/attendance`, undefined, s.facilitator.token);

/** Resolves once the server disconnected the socket (not the client). */
export const serverDisconnect = (socket: Sock) =>
  new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));

/** Every row of every table, as text, to look for what a deleted session left. */
export async function sqliteDump(file: string): Promise<string> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    return tables.map((tb) => JSON.stringify(db.prepare(`SELECT * FROM "${tb.name}"`).all())).join('\n');
  } finally {
    db.close();
  }
}

export async function pgDump(env: Record<string, string>): Promise<string> {
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
      [env.DATABASE_SCHEMA],
    );
    const out: string[] = [];
    for (const { table_name } of tables.rows) {
      const rows = await client.query(`SELECT * FROM "${env.DATABASE_SCHEMA}"."${table_name}"`);
      out.push(
        JSON.stringify(rows.rows, (_k, v) => (v?.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : v)),
      );
    }
    return out.join('\n');
  } finally {
    await client.end();
  }
}

/** A session with everything in it: invitees, a vote with ballots, a draft with text, meeting state. */
export async function busySession(t: TestServer, marker: string) {
  const s = await createSessionFixture(t.url);
  const [ana] = (await invite(t, s)).body.invitations;
  const anaJoin = (await join(t, ana!.code)).body;
  const fac = await connectedSocket(t.url, s.facilitator.token, opened);
  const vote = await openVote(fac);
  await emitAck(fac, 'vote:cast', { voteId: vote.id, ballot: { choice: 'for' } });
  expect(
    await emitAck(fac, 'agenda:set', { items: [{ title: `Point ${marker}`, kind: 'discussion', plannedMinutes: 10 }] }),
  ).toMatchObject({ ok: true });
  const doc = connectDoc(t.wsUrl, s.recommendationId, anaJoin.token, undefined, () => false);
  await vi.waitFor(() => expect(doc.provider.synced).toBe(true));
  appendParagraph(doc.body, marker);
  await vi.waitFor(async () => {
    const r = await api<{ text: string }>(
      t.url,
      'GET',
      `/api/sessions/${s.sessionId}/recommendations/${s.recommendationId}`,
      undefined,
      s.facilitator.token,
    );
    expect(r.body.text).toContain(marker);
  });
  // A question from the room, approved and upvoted: its rows name the session too.
  const asked = await emitAck<{ question: { id: string } }>(fac, 'question:ask', { text: `Question ${marker} ?` });
  if (!asked.ok) throw new Error(asked.error.message);
  await emitAck(fac, 'question:moderate', { questionId: asked.question.id, state: 'approved' });
  const anaSocket = await connectedSocket(t.url, anaJoin.token, opened);
  expect(await emitAck(anaSocket, 'question:upvote', { questionId: asked.question.id })).toMatchObject({ ok: true });
  return { s, fac, doc, anaJoin, ana: ana!, vote, questionId: asked.question.id };
}

/** What must be gone from every table once the session is deleted. */
export const traces = (b: Awaited<ReturnType<typeof busySession>>, marker: string) => [
  b.s.sessionId,
  b.s.recommendationId,
  b.ana.participantId,
  b.s.facilitator.participant.id,
  b.vote.id,
  b.questionId,
  b.s.created.codes.participant,
  marker,
];
