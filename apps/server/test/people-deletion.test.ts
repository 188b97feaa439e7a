import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join as pathJoin } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { YJS_CLOSE } from '@roundtable/protocol';
import { SQLITE_FILE } from '../src/createServer.js';
import { startCluster, type Cluster } from './helpers/cluster.js';
import {
  busySession,
  closeOpened,
  invite,
  join,
  opened,
  pgDump,
  serverDisconnect,
  sqliteDump,
  traces,
} from './helpers/people.js';
import {
  api,
  connectDoc,
  connectedSocket,
  createSessionFixture,
  rawYjs,
  startTestServer,
  type TestServer,
} from './helpers/testServer.js';

/*
 * Deleting a session leaves nothing of it (every table read, on SQLite and on PostgreSQL), and
 * removing a person or deleting a session on one instance reaches the other's connections.
 */

afterAll(closeOpened);

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
