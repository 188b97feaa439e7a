import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatPersonalCode } from '@roundtable/domain';
import {
  MAX_INVITATIONS,
  YJS_CLOSE,
  type InvitationResponse,
  type RotateCodesResponse,
  type SessionResponse,
} from '@roundtable/protocol';
import {
  attendance,
  closeOpened,
  getVote,
  invite,
  invitees,
  join,
  opened,
  openVote,
  serverDisconnect,
} from './helpers/people.js';
import {
  api,
  connectDoc,
  connectedSocket,
  createSessionFixture,
  emitAck,
  rawYjs,
  startTestServer,
  type TestServer,
} from './helpers/testServer.js';

/*
 * People (api-v1 1.1) on one instance: personal codes, openJoin, code rotation, removing and
 * merging people, reissued codes, hostile invitations, the attendance CSV, guessing. Deleting a
 * session is in people-deletion.test.ts, retention in people-retention.test.ts.
 */

afterAll(closeOpened);

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
