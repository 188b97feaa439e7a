import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join as pathJoin } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatPersonalCode } from '@roundtable/domain';
import {
  MAX_INVITATIONS,
  YJS_CLOSE,
  type AttendanceResponse,
  type InvitationResponse,
  type InvitationsResponse,
  type JoinResponse,
  type RotateCodesResponse,
  type SessionResponse,
  type VoteDto,
  type VoteUpdated,
} from '@roundtable/protocol';
import { SQLITE_FILE } from '../src/createServer.js';
import { startCluster, type Cluster } from './helpers/cluster.js';
import {
  api,
  appendParagraph,
  connectDoc,
  connectedSocket,
  createSessionFixture,
  emitAck,
  rawYjs,
  startTestServer,
  type connectSocket,
  type SessionFixture,
  type TestServer,
} from './helpers/testServer.js';

type Sock = ReturnType<typeof connectSocket>;
const opened: { close(): void }[] = [];
afterAll(() => {
  for (const x of opened) x.close();
});

const invitees = [
  { name: 'Ana Peeters', organisation: 'CPAS Liège', organisationType: 'local_authority', role: 'participant' },
  { name: 'Bilal Amrani', organisationType: 'civil_society', role: 'participant' },
  { name: 'Chloé Dubois', role: 'observer' },
] as const;

async function invite(t: TestServer, s: SessionFixture, people: readonly object[] = invitees) {
  return api<InvitationsResponse>(
    t.url,
    'POST',
    `/api/sessions/${s.sessionId}/invitations`,
    { people },
    s.facilitator.token,
  );
}

const join = (t: TestServer, code: string, name = 'Whoever') =>
  api<JoinResponse>(t.url, 'POST', '/api/join', { code, name });

async function openVote(fac: Sock, anonymous = false): Promise<VoteDto> {
  const res = await emitAck<{ vote: VoteDto }>(fac, 'vote:open', { method: 'approval', question: 'Q ?', anonymous });
  if (!res.ok) throw new Error(`vote:open refused: ${res.error.code}`);
  return res.vote;
}

const getVote = (t: TestServer, s: SessionFixture, voteId: string) =>
  api<VoteUpdated>(t.url, 'GET', `/api/sessions/${s.sessionId}/votes/${voteId}`, undefined, s.facilitator.token);

const attendance = (t: TestServer, s: SessionFixture) =>
  api<AttendanceResponse>(t.url, 'GET', `/api/sessions/${s.sessionId}/attendance`, undefined, s.facilitator.token);

/** Resolves once the server disconnected the socket (not the client). */
const serverDisconnect = (socket: Sock) =>
  new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));

describe('people on one instance (SQLite)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives back one participant and one ballot for a personal code joined from two devices', async () => {
    const s = await createSessionFixture(t.url);
    const res = await invite(t, s);
    expect(res.status).toBe(201);
    const [ana] = res.body.invitations;
    expect(res.body.invitations.map((i) => [i.name, i.role])).toEqual(invitees.map((p) => [p.name, p.role]));
    // ~69 bits each, all different, none of them the shared codes.
    expect(new Set(res.body.invitations.map((i) => i.code)).size).toBe(3);

    // Device one types the code from the card (dashes, lower case); device two scans the QR.
    const phone = await join(t, formatPersonalCode(ana!.code).toLowerCase(), 'Typed name is ignored');
    const laptop = await join(t, ana!.code);
    expect(phone.status).toBe(200);
    expect(phone.body.participant).toEqual({ id: ana!.participantId, name: 'Ana Peeters', role: 'participant' });
    expect(laptop.body.participant.id).toBe(ana!.participantId);

    const fac = await connectedSocket(t.url, s.facilitator.token, opened);
    for (const anonymous of [false, true]) {
      const vote = await openVote(fac, anonymous);
      const onPhone = await connectedSocket(t.url, phone.body.token, opened);
      const onLaptop = await connectedSocket(t.url, laptop.body.token, opened);
      expect(await emitAck(onPhone, 'vote:cast', { voteId: vote.id, ballot: { choice: 'for' } })).toEqual({ ok: true });
      expect(await emitAck(onLaptop, 'vote:cast', { voteId: vote.id, ballot: { choice: 'against' } })).toEqual({
        ok: true,
      });
      const { body } = await getVote(t, s, vote.id);
      expect(body.tally).toMatchObject({ for: 0, against: 1, ballots: 1 });
      onPhone.close();
      onLaptop.close();
    }

    const rows = (await attendance(t, s)).body.people;
    // Facilitator, fixture participant and observer, three invitees: six people, Ana once.
    expect(rows.filter((r) => r.name === 'Ana Peeters')).toHaveLength(1);
    expect(rows).toHaveLength(6);
    const row = rows.find((r) => r.participantId === ana!.participantId)!;
    expect(row).toMatchObject({ invited: true, organisationType: 'local_authority', role: 'participant' });
    expect(row.firstSeenAt).not.toBeNull();
    expect(rows.find((r) => r.name === 'Bilal Amrani')).toMatchObject({ firstSeenAt: null, online: false });
    // The report counts people who came: the invitees who did not come are not in it.
    const report = await api<{ attendance: { total: number } }>(
      t.url,
      'GET',
      `/api/sessions/${s.sessionId}/report?format=json`,
      undefined,
      s.facilitator.token,
    );
    expect(report.body.attendance.total).toBe(4);
  });

  it('refuses the shared codes with openJoin false, and still lets personal codes in', async () => {
    const s = await createSessionFixture(t.url);
    const [ana] = (await invite(t, s)).body.invitations;
    const patch = (body: unknown, token = s.facilitator.token) =>
      api<SessionResponse>(t.url, 'PATCH', `/api/sessions/${s.sessionId}`, body, token);
    expect((await patch({ openJoin: false }, s.participant.token)).status).toBe(403);
    expect((await patch({ openJoin: 'no' })).status).toBe(400);
    const closed = await patch({ openJoin: false });
    expect(closed.status).toBe(200);
    expect(closed.body.session.openJoin).toBe(false);

    expect((await join(t, s.created.codes.participant)).status).toBe(403);
    expect((await join(t, s.created.codes.observer)).status).toBe(403);
    expect((await join(t, ana!.code)).status).toBe(200);
    expect((await join(t, s.created.codes.facilitator)).status).toBe(200);
    // Tokens issued before stay valid.
    expect((await api(t.url, 'GET', `/api/sessions/${s.sessionId}`, undefined, s.participant.token)).status).toBe(200);

    await patch({ openJoin: true });
    expect((await join(t, s.created.codes.participant)).status).toBe(200);
  });

  it('rotates the shared codes: the old ones get 403, issued tokens stay valid', async () => {
    const s = await createSessionFixture(t.url);
    const rotate = (token: string) =>
      api<RotateCodesResponse>(t.url, 'POST', `/api/sessions/${s.sessionId}/codes/rotate`, undefined, token);
    expect((await rotate(s.participant.token)).status).toBe(403);
    const res = await rotate(s.facilitator.token);
    expect(res.status).toBe(200);
    expect(res.body.codes.participant).not.toBe(s.created.codes.participant);
    expect((await join(t, s.created.codes.participant)).status).toBe(403);
    expect((await join(t, s.created.codes.observer)).status).toBe(403);
    expect((await join(t, res.body.codes.participant)).body.participant.role).toBe('participant');
    expect((await join(t, res.body.codes.observer)).body.participant.role).toBe('observer');
    expect((await api(t.url, 'GET', `/api/sessions/${s.sessionId}`, undefined, s.participant.token)).status).toBe(200);
    const snapshot = await api<{ codes: object }>(
      t.url,
      'GET',
      `/api/sessions/${s.sessionId}`,
      undefined,
      s.facilitator.token,
    );
    expect(snapshot.body.codes).toEqual(res.body.codes);
  });

  it('removes a person: REST 401, socket.io disconnected, Yjs 4401, open ballots withdrawn, closed tallies kept', async () => {
    const s = await createSessionFixture(t.url);
    const [ana] = (await invite(t, s)).body.invitations;
    const anaJoin = (await join(t, ana!.code)).body;
    const fac = await connectedSocket(t.url, s.facilitator.token, opened);
    const anaSocket = await connectedSocket(t.url, anaJoin.token, opened);
    const closedVote = await openVote(fac);
    await emitAck(anaSocket, 'vote:cast', { voteId: closedVote.id, ballot: { choice: 'for' } });
    await emitAck(fac, 'vote:close', { voteId: closedVote.id });
    const openOne = await openVote(fac, true);
    await emitAck(anaSocket, 'vote:cast', { voteId: openOne.id, ballot: { choice: 'for' } });
    await emitAck(fac, 'vote:cast', { voteId: openOne.id, ballot: { choice: 'against' } });
    const doc = connectDoc(t.wsUrl, s.recommendationId, anaJoin.token, undefined, () => false);
    const yjsClosed = new Promise<number>((resolve) =>
      doc.provider.on('connection-close', (e) => resolve(e?.code ?? 0)),
    );
    await vi.waitFor(() => expect(doc.provider.synced).toBe(true));

    const remove = (id: string, token = s.facilitator.token) =>
      api(t.url, 'DELETE', `/api/sessions/${s.sessionId}/participants/${id}`, undefined, token);
    expect((await remove(ana!.participantId, s.participant.token)).status).toBe(403);
    expect((await remove(s.facilitator.participant.id)).status).toBe(409);
    const disconnected = serverDisconnect(anaSocket);
    expect((await remove(ana!.participantId)).status).toBe(204);
    expect((await remove(ana!.participantId)).status).toBe(404);

    expect(await disconnected).toBe('io server disconnect');
    expect(await yjsClosed).toBe(YJS_CLOSE.unauthorized);
    doc.provider.destroy();
    expect((await api(t.url, 'GET', `/api/sessions/${s.sessionId}`, undefined, anaJoin.token)).status).toBe(401);
    const again = rawYjs(t.wsUrl, s.recommendationId, anaJoin.token);
    expect((await again.closed).code).toBe(YJS_CLOSE.unauthorized);
    const retry = (await import('./helpers/testServer.js')).connectSocket(t.url, anaJoin.token, ['websocket']);
    opened.push(retry);
    await new Promise<void>((resolve) => retry.on('connect_error', () => resolve()));
    expect((await join(t, ana!.code)).status).toBe(403);

    expect((await getVote(t, s, openOne.id)).body.tally).toMatchObject({ for: 0, against: 1, ballots: 1 });
    expect((await getVote(t, s, closedVote.id)).body.tally).toMatchObject({ for: 1, ballots: 1 });
    expect((await attendance(t, s)).body.people.map((p) => p.participantId)).not.toContain(ana!.participantId);
  });

  it('merges two rows of one person: one row, their ballots merged, the later one counts', async () => {
    const s = await createSessionFixture(t.url);
    // Bram joined twice with the shared code (a phone and a laptop).
    const second = (await join(t, s.created.codes.participant, 'Bram (laptop)')).body;
    const fac = await connectedSocket(t.url, s.facilitator.token, opened);
    const first = await connectedSocket(t.url, s.participant.token, opened);
    const other = await connectedSocket(t.url, second.token, opened);
    const vote = await openVote(fac);
    await emitAck(first, 'vote:cast', { voteId: vote.id, ballot: { choice: 'for' } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await emitAck(other, 'vote:cast', { voteId: vote.id, ballot: { choice: 'abstain' } });
    expect((await getVote(t, s, vote.id)).body.tally).toMatchObject({ ballots: 2 });

    const merge = (body: unknown) =>
      api<{ person: { participantId: string } }>(
        t.url,
        'POST',
        `/api/sessions/${s.sessionId}/participants/merge`,
        body,
        s.facilitator.token,
      );
    expect((await merge({ into: second.participant.id, from: second.participant.id })).status).toBe(400);
    expect((await merge({ into: s.participant.participant.id, from: s.observer.participant.id })).status).toBe(409);
    const gone = serverDisconnect(other);
    const res = await merge({ into: s.participant.participant.id, from: second.participant.id });
    expect(res.status).toBe(200);
    expect(res.body.person.participantId).toBe(s.participant.participant.id);
    await gone;
    expect((await getVote(t, s, vote.id)).body.tally).toMatchObject({ abstain: 1, for: 0, ballots: 1 });
    const rows = (await attendance(t, s)).body.people;
    expect(rows.map((r) => r.name).sort()).toEqual(['Anne', 'Bram', 'Chloé']);
    // The kept row can still vote, and replaces the merged ballot.
    expect(await emitAck(first, 'vote:cast', { voteId: vote.id, ballot: { choice: 'for' } })).toEqual({ ok: true });
    expect((await getVote(t, s, vote.id)).body.tally).toMatchObject({ for: 1, ballots: 1 });
  });

  it('reissues a lost personal code: the old one stops joining, the person stays the same', async () => {
    const s = await createSessionFixture(t.url);
    const [ana] = (await invite(t, s)).body.invitations;
    const res = await api<InvitationResponse>(
      t.url,
      'POST',
      `/api/sessions/${s.sessionId}/participants/${ana!.participantId}/code`,
      undefined,
      s.facilitator.token,
    );
    expect(res.status).toBe(200);
    expect((await join(t, ana!.code)).status).toBe(403);
    expect((await join(t, res.body.invitation.code)).body.participant.id).toBe(ana!.participantId);
  });

  it('refuses hostile invitations: 501 people, huge names, bad roles, other roles than a facilitator', async () => {
    const s = await createSessionFixture(t.url);
    const many = Array.from({ length: MAX_INVITATIONS + 1 }, (_, i) => ({ name: `P${i}`, role: 'participant' }));
    expect((await invite(t, s, many)).status).toBe(400);
    expect((await invite(t, s, [])).status).toBe(400);
    expect((await invite(t, s, [{ name: 'x'.repeat(81), role: 'participant' }])).status).toBe(400);
    expect((await invite(t, s, [{ name: 'Ana\u202Eevil', role: 'participant' }])).status).toBe(400);
    expect((await invite(t, s, [{ name: 'Ana', role: 'facilitator' }])).status).toBe(400);
    expect((await invite(t, s, [{ name: 'Ana', role: 'participant', admin: true }])).status).toBe(400);
    // A body far past the invitations limit is refused before it is parsed.
    const huge = JSON.stringify({ people: [{ name: 'A', role: 'participant', organisation: 'x'.repeat(600_000) }] });
    expect((await invite(t, s, huge as unknown as object[])).status).toBe(413);
    const asParticipant = await api(
      t.url,
      'POST',
      `/api/sessions/${s.sessionId}/invitations`,
      { people: [{ name: 'Ana', role: 'participant' }] },
      s.participant.token,
    );
    expect(asParticipant.status).toBe(403);
    // 500 people at the longest name and organisation still fit.
    const full = Array.from({ length: MAX_INVITATIONS }, (_, i) => ({
      name: `${i}`.padEnd(80, 'é'),
      organisation: 'o'.repeat(120),
      role: 'participant',
    }));
    const res = await invite(t, s, full);
    expect(res.status).toBe(201);
    expect(res.body.invitations).toHaveLength(MAX_INVITATIONS);
  });

  it('exports the attendance as CSV with formulas defused (CSV injection)', async () => {
    const s = await createSessionFixture(t.url);
    await invite(t, s, [
      { name: '=cmd|" /C calc"!A0', organisation: '+SUM(1,2)', role: 'participant' },
      { name: '@evil', organisation: '-2+3', role: 'observer' },
    ]);
    const res = await fetch(`${t.url}/api/sessions/${s.sessionId}/attendance?format=csv`, {
      headers: { authorization: `Bearer ${s.facilitator.token}` },
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const csv = await res.text();
    expect(csv).toContain(`"'=cmd|"" /C calc""!A0","'+SUM(1,2)"`);
    expect(csv).toContain(`"'@evil","'-2+3"`);
    // No cell starts with a formula character once unquoted.
    for (const line of csv.trim().split('\r\n')) {
      for (const cell of line.match(/"(?:[^"]|"")*"/g) ?? []) expect(cell.slice(1)).not.toMatch(/^[=+\-@]/);
    }
  });

  it('stops guessing of personal codes with the join limiter', async () => {
    const s = await createSessionFixture(t.url);
    await invite(t, s);
    let last = 0;
    for (let i = 0; i < 120 && last !== 429; i++) {
      const res = await fetch(`${t.url}/api/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: randomBytes(7).toString('hex').toUpperCase().slice(0, 14), name: 'G' }),
      });
      last = res.status;
    }
    expect(last).toBe(429);
  });
});

/** Every row of every table, as text, to look for what a deleted session left. */
async function sqliteDump(file: string): Promise<string> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    return tables.map((tb) => JSON.stringify(db.prepare(`SELECT * FROM "${tb.name}"`).all())).join('\n');
  } finally {
    db.close();
  }
}

async function pgDump(env: Record<string, string>): Promise<string> {
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
async function busySession(t: TestServer, marker: string) {
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
const traces = (b: Awaited<ReturnType<typeof busySession>>, marker: string) => [
  b.s.sessionId,
  b.s.recommendationId,
  b.ana.participantId,
  b.s.facilitator.participant.id,
  b.vote.id,
  b.questionId,
  b.s.created.codes.participant,
  marker,
];

describe('deleting a session (SQLite)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  it('leaves no row, no Yjs update and no bytes of it; tokens 401, codes 403, live connections closed', async () => {
    const marker = `gone-${randomBytes(8).toString('hex')}`;
    const keep = await busySession(t, `kept-${randomBytes(4).toString('hex')}`);
    const b = await busySession(t, marker);
    const file = pathJoin(t.dataDir, SQLITE_FILE);
    // Written out before the delete, so the delete has something to remove.
    const onDisk = () =>
      [file, `${file}-wal`].some((f) => existsSync(f) && readFileSync(f).includes(Buffer.from(marker, 'utf8')));
    await vi.waitFor(async () => {
      expect(await sqliteDump(file)).toContain(b.s.sessionId);
      expect(onDisk()).toBe(true);
    });
    const yjsClosed = new Promise<number>((resolve) =>
      b.doc.provider.on('connection-close', (e) => resolve(e?.code ?? 0)),
    );
    const disconnected = serverDisconnect(b.fac);

    expect(
      (await api(t.url, 'DELETE', `/api/sessions/${b.s.sessionId}`, undefined, b.s.participant.token)).status,
    ).toBe(403);
    const res = await api(t.url, 'DELETE', `/api/sessions/${b.s.sessionId}`, undefined, b.s.facilitator.token);
    expect(res.status).toBe(204);
    expect(await disconnected).toBe('io server disconnect');
    expect([YJS_CLOSE.unauthorized, YJS_CLOSE.notFound]).toContain(await yjsClosed);
    b.doc.provider.destroy();

    for (const token of [b.s.facilitator.token, b.s.participant.token, b.anaJoin.token]) {
      expect((await api(t.url, 'GET', `/api/sessions/${b.s.sessionId}`, undefined, token)).status).toBe(401);
    }
    for (const code of [b.s.created.codes.facilitator, b.s.created.codes.participant, b.ana.code]) {
      expect((await join(t, code)).status).toBe(403);
    }
    const dump = await sqliteDump(file);
    for (const trace of traces(b, marker)) expect(dump, trace).not.toContain(trace);
    expect(dump).toContain(keep.s.sessionId);
    // secure_delete and the WAL checkpoint: not even in free pages or WAL frames.
    expect(onDisk()).toBe(false);
    keep.doc.provider.destroy();
  });
});

describe('two instances on PostgreSQL and Redis', () => {
  let cluster: Cluster;
  let a: TestServer;
  let bServer: TestServer;
  beforeAll(async () => {
    cluster = await startCluster(2);
    [a, bServer] = cluster.instances as [TestServer, TestServer];
  });
  afterAll(async () => {
    await cluster.close();
  });

  it('refuses a person removed on A on B too: REST 401, socket.io disconnected, Yjs 4401', async () => {
    const s = await createSessionFixture(a.url);
    const [ana] = (await invite(a, s)).body.invitations;
    const anaJoin = (await join(bServer, ana!.code)).body;
    const onB = await connectedSocket(bServer.url, anaJoin.token, opened);
    const doc = connectDoc(bServer.wsUrl, s.recommendationId, anaJoin.token, undefined, () => false);
    const yjsClosed = new Promise<number>((resolve) =>
      doc.provider.on('connection-close', (e) => resolve(e?.code ?? 0)),
    );
    await vi.waitFor(() => expect(doc.provider.synced).toBe(true));
    const disconnected = serverDisconnect(onB);

    const res = await api(
      a.url,
      'DELETE',
      `/api/sessions/${s.sessionId}/participants/${ana!.participantId}`,
      undefined,
      s.facilitator.token,
    );
    expect(res.status).toBe(204);
    expect(await disconnected).toBe('io server disconnect');
    expect(await yjsClosed).toBe(YJS_CLOSE.unauthorized);
    doc.provider.destroy();
    expect((await api(bServer.url, 'GET', `/api/sessions/${s.sessionId}`, undefined, anaJoin.token)).status).toBe(401);
    expect((await rawYjs(bServer.wsUrl, s.recommendationId, anaJoin.token).closed).code).toBe(YJS_CLOSE.unauthorized);
    // The others stay in.
    expect((await api(bServer.url, 'GET', `/api/sessions/${s.sessionId}`, undefined, s.participant.token)).status).toBe(
      200,
    );
  });

  it('deletes a session from A: no row of it in any table, its live document on B closed', async () => {
    const marker = `gone-${randomBytes(8).toString('hex')}`;
    const b = await busySession(bServer, marker);
    await vi.waitFor(async () => expect(await pgDump(cluster.env)).toContain(marker));
    const yjsClosed = new Promise<number>((resolve) =>
      b.doc.provider.on('connection-close', (e) => resolve(e?.code ?? 0)),
    );
    const disconnected = serverDisconnect(b.fac);
    const res = await api(a.url, 'DELETE', `/api/sessions/${b.s.sessionId}`, undefined, b.s.facilitator.token);
    expect(res.status).toBe(204);
    expect(await disconnected).toBe('io server disconnect');
    expect([YJS_CLOSE.unauthorized, YJS_CLOSE.notFound]).toContain(await yjsClosed);
    b.doc.provider.destroy();
    expect((await api(bServer.url, 'GET', `/api/sessions/${b.s.sessionId}`, undefined, b.anaJoin.token)).status).toBe(
      401,
    );
    expect((await join(bServer, b.s.created.codes.participant)).status).toBe(403);
    // Give a late write on B the time to land, then look at every table.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const dump = await pgDump(cluster.env);
    for (const trace of traces(b, marker)) expect(dump, trace).not.toContain(trace);
  });
});

describe('retention (SQLite)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({}, { retentionSweepMs: 200 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('replaces names by "Participant 1…n" after the retention, keeping the aggregated report', async () => {
    const s = await createSessionFixture(t.url);
    await invite(t, s);
    const patch = (body: unknown) =>
      api<SessionResponse>(t.url, 'PATCH', `/api/sessions/${s.sessionId}`, body, s.facilitator.token);
    expect((await patch({ retentionDays: 0 })).status).toBe(400);
    expect((await patch({ retentionDays: 1.5 })).status).toBe(400);
    expect((await patch({ retentionDays: 30 })).body.session).toMatchObject({ retentionDays: 30, anonymisedAt: null });
    const report = async () =>
      (
        await api<{ attendance: { total: number; byRole: object }; participants?: { name: string }[] }>(
          t.url,
          'GET',
          `/api/sessions/${s.sessionId}/report?format=json&participants=1`,
          undefined,
          s.facilitator.token,
        )
      ).body;
    const before = await report();
    // Not due yet: the sweeps leave the names.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await attendance(t, s)).body.people.map((p) => p.name)).toContain('Ana Peeters');

    // 31 days later (the creation time moved back in the file the server uses).
    const db = new Database(pathJoin(t.dataDir, SQLITE_FILE));
    db.prepare('UPDATE sessions SET created_at = ? WHERE id = ?').run(
      new Date(Date.now() - 31 * 24 * 60 * 60_000).toISOString(),
      s.sessionId,
    );
    db.close();
    await vi.waitFor(async () =>
      expect((await attendance(t, s)).body.people.map((p) => p.name)).toEqual([
        'Participant 1',
        'Participant 2',
        'Participant 3',
        'Participant 4',
        'Participant 5',
        'Participant 6',
      ]),
    );
    const rows = (await attendance(t, s)).body.people;
    expect(rows.every((p) => p.organisation === null && !p.invited)).toBe(true);
    expect(rows.find((p) => p.participantId === s.participant.participant.id)?.role).toBe('participant');
    const after = await report();
    expect(after.attendance).toEqual(before.attendance);
    expect(JSON.stringify(after)).not.toMatch(/Anne|Bram|Chloé|Ana Peeters|CPAS/);
    expect((await patch({})).body.session.anonymisedAt).not.toBeNull();
  });
});
