import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createClient } from 'redis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { intervisionNotesDocName } from '@roundtable/domain';
import type { CreateSessionResponse, IntervisionPhase, JoinResponse, MeetingState } from '@roundtable/protocol';
import { docUpdatesStream } from '../src/collab/docBusKeys.js';
import { SQLITE_FILE } from '../src/createServer.js';
import { startCluster } from './helpers/cluster.js';
import {
  api,
  appendParagraph,
  connectDoc,
  type connectSocket,
  connectedSocket,
  emitAck,
  startTestServer,
  type TestServer,
} from './helpers/testServer.js';

/*
 * Attack: notes erased by the facilitator stay readable on the server's disk. Before the
 * fix, the Yjs updates holding the notes were deleted with a plain DELETE: SQLite left them
 * in the free space of its pages and in the WAL's frames, where any reader of the file
 * (a backup, a stolen disk) found the text. A participant reconnecting in a loop could also
 * upload the notes again between the delete and the state saying erased.
 */

const marker = (label: string) => `${label}-${randomBytes(8).toString('hex')}`;
/** Yjs stores strings as UTF-8, so the text is found byte for byte. */
const holds = (file: string, text: string) =>
  existsSync(file) && readFileSync(file).includes(Buffer.from(text, 'utf8'));

type Sock = ReturnType<typeof connectSocket>;
const opened: { close(): void }[] = [];
afterAll(() => {
  for (const x of opened) x.close();
});

const socketFor = (t: TestServer, token: string): Promise<Sock> => connectedSocket(t.url, token, opened);

async function intervision(t: TestServer) {
  const created = (
    await api<CreateSessionResponse>(t.url, 'POST', '/api/sessions', { title: 'Intervision', kind: 'intervision' })
  ).body;
  const join = async (code: string, name: string) =>
    (await api<JoinResponse>(t.url, 'POST', '/api/join', { code, name })).body;
  const sessionId = created.session.id;
  return {
    sessionId,
    facilitator: await join(created.codes.facilitator, 'Anne'),
    peer: await join(created.codes.participant, 'Chloé'),
    notes: (phase: IntervisionPhase) => intervisionNotesDocName(sessionId, phase),
  };
}

/** Types `text` into a notes document as a participant and waits until the server stored it. */
async function typeNotes(t: TestServer, docName: string, token: string, ...paragraphs: string[]) {
  const client = connectDoc(t.wsUrl, docName, token);
  opened.push({ close: () => client.provider.destroy() });
  await vi.waitFor(() => expect(client.provider.synced).toBe(true));
  for (const p of paragraphs) appendParagraph(client.body, p);
  await vi.waitFor(async () => {
    const stored = Buffer.concat((await t.server.storage.docs.loadDoc(docName)).updates);
    for (const p of paragraphs) expect(stored.includes(Buffer.from(p, 'utf8'))).toBe(true);
  });
  return client;
}

async function erase(t: TestServer, token: string): Promise<MeetingState> {
  const res = await emitAck<{ state: MeetingState }>(await socketFor(t, token), 'intervision:erase', { confirm: true });
  if (!res.ok) throw new Error(`erase refused: ${res.error.code}`);
  return res.state;
}

describe('erased intervision notes on SQLite', () => {
  it('leave no readable byte in the database file, its WAL or its shared memory', async () => {
    const t = await startTestServer();
    try {
      const s = await intervision(t);
      const other = await intervision(t);
      const live = marker('SECRET-NOTE');
      const compacted = marker('SECRET-NOTE');
      const kept = marker('KEPT-NOTE');

      // Notes still open in an editor when the facilitator erases them.
      const editor = await typeNotes(t, s.notes('case_presentation'), s.peer.token, live);
      // Notes written in several updates, then unloaded: compaction deleted rows already.
      const writer = await typeNotes(t, s.notes('clarifying_questions'), s.peer.token, compacted, 'une', 'deux');
      writer.provider.destroy();
      await vi.waitFor(
        async () =>
          expect((await t.server.storage.docs.loadDoc(s.notes('clarifying_questions'))).updates).toHaveLength(1),
        { timeout: 10_000 },
      );
      // Another session's notes, which must stay whole.
      (await typeNotes(t, other.notes('case_presentation'), other.peer.token, kept)).provider.destroy();

      // A hostile holder of the notes reconnects as fast as the client lets it, 44xx codes included.
      const closes: number[] = [];
      const holder = connectDoc(t.wsUrl, s.notes('case_presentation'), s.peer.token, editor.doc, () => true);
      opened.push({ close: () => holder.provider.destroy() });
      holder.provider.on('connection-close', (e: CloseEvent | null) => closes.push(e?.code ?? 0));
      await vi.waitFor(() => expect(holder.provider.synced).toBe(true));

      const files = [SQLITE_FILE, `${SQLITE_FILE}-wal`, `${SQLITE_FILE}-shm`].map((f) => join(t.dataDir, f));
      // The check can see the text: before the erase it is on disk.
      expect(files.some((f) => holds(f, live))).toBe(true);
      expect(files.some((f) => holds(f, compacted))).toBe(true);

      expect((await erase(t, s.facilitator.token)).intervisionErasedAt).not.toBeNull();
      // Every reconnection after the erase is refused (4404 erased) and uploads nothing.
      await vi.waitFor(() => expect(closes.filter((c) => c === 4404).length).toBeGreaterThanOrEqual(2), {
        timeout: 10_000,
      });
      for (const phase of ['case_presentation', 'clarifying_questions'] as const) {
        expect((await t.server.storage.docs.loadDoc(s.notes(phase))).updates).toHaveLength(0);
      }

      for (const file of files) {
        expect(holds(file, live), `${file} holds the live notes`).toBe(false);
        expect(holds(file, compacted), `${file} holds the compacted notes`).toBe(false);
      }
      // Nothing acknowledged is lost: the other session's notes are served and on disk.
      const reader = connectDoc(t.wsUrl, other.notes('case_presentation'), other.facilitator.token);
      opened.push({ close: () => reader.provider.destroy() });
      await vi.waitFor(() => expect(reader.body.toString()).toContain(kept));
      expect(files.some((f) => holds(f, kept))).toBe(true);
    } finally {
      for (const x of opened.splice(0)) x.close();
      await t.close();
    }
  });
});

describe('erased intervision notes on PostgreSQL and Redis (two instances)', () => {
  it('leave no row and no stream, from an editor on the other instance', async () => {
    const cluster = await startCluster(2);
    const [a, b] = cluster.instances as [TestServer, TestServer];
    const db = new pg.Client({ connectionString: cluster.env.DATABASE_URL });
    const redis = createClient({ url: cluster.env.REDIS_URL });
    await Promise.all([db.connect(), redis.connect()]);
    try {
      const s = await intervision(a);
      const other = await intervision(a);
      const secret = marker('SECRET-NOTE');
      const docName = s.notes('advice');
      const editor = await typeNotes(b, docName, s.peer.token, secret);
      await typeNotes(b, other.notes('advice'), other.peer.token, marker('KEPT-NOTE'));
      const rows = (name: string) =>
        db
          .query(`SELECT count(*)::int AS n FROM ${cluster.env.DATABASE_SCHEMA}.doc_updates WHERE doc_name = $1`, [
            name,
          ])
          .then((r) => (r.rows[0] as { n: number }).n);
      const stream = docUpdatesStream(cluster.env.REDIS_PREFIX!, docName);
      expect(await rows(docName)).toBeGreaterThan(0);
      await vi.waitFor(async () => expect(await redis.exists(stream)).toBe(1));

      await erase(a, s.facilitator.token);
      await vi.waitFor(() => expect(editor.provider.wsconnected).toBe(false));
      expect(await rows(docName)).toBe(0);
      expect(await redis.exists(stream)).toBe(0);
      expect(await rows(other.notes('advice'))).toBeGreaterThan(0);
    } finally {
      for (const x of opened.splice(0)) x.close();
      await Promise.allSettled([db.end(), redis.close()]);
      await cluster.close();
    }
  });
});
