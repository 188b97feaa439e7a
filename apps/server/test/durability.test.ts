import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { SQLITE_FILE } from '../src/createServer.js';
import { DRAFT_BODY_FIELD } from '@roundtable/protocol';
import { fragmentToPlainText } from '@roundtable/domain/draftText';
import { api, appendParagraph, connectDoc, createSessionFixture } from './helpers/testServer.js';
import { spawnServer, type ServerProcess } from './helpers/serverProcess.js';

const dirs: string[] = [];
const children: ServerProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.child.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function freshEnv(): Record<string, string> & { DATA_DIR: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'rt-durable-'));
  dirs.push(dataDir);
  return { DATA_DIR: dataDir, SECRET: randomBytes(32).toString('base64url') };
}

/** What the SQLite file holds for a document, read as another process would after a crash. */
function storedText(dataDir: string, docName: string): string {
  const db = new Database(join(dataDir, SQLITE_FILE), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT data FROM doc_updates WHERE doc_name = ? ORDER BY seq').all(docName) as {
      data: Buffer;
    }[];
    const doc = new Y.Doc();
    for (const r of rows) Y.applyUpdate(doc, new Uint8Array(r.data));
    return fragmentToPlainText(doc.getXmlFragment(DRAFT_BODY_FIELD));
  } finally {
    db.close();
  }
}

describe('durability', () => {
  it('keeps the text written before a kill -9, and tokens stay valid after the restart', async () => {
    // No SECRET: the one generated into DATA_DIR must survive the restart.
    const { DATA_DIR } = freshEnv();
    const env = { DATA_DIR };
    const first = await spawnServer(env);
    children.push(first);
    const s = await createSessionFixture(first.url);
    const editor = connectDoc(first.wsUrl, s.recommendationId, s.participant.token);
    await vi.waitFor(() => expect(editor.provider.synced).toBe(true));
    for (let i = 0; i < 50; i++) appendParagraph(editor.body, `ligne ${i}`);
    // The server received them once the SQLite file holds them (batched within a few ms).
    await vi.waitFor(() => expect(storedText(env.DATA_DIR, s.recommendationId)).toContain('ligne 49'));
    editor.provider.destroy();

    first.child.kill('SIGKILL');
    await first.exited;

    const second = await spawnServer(env);
    children.push(second);
    const res = await api<{ text: string }>(
      second.url,
      'GET',
      `/api/sessions/${s.sessionId}/recommendations/${s.recommendationId}`,
      undefined,
      s.observer.token,
    );
    expect(res.status).toBe(200);
    expect(res.body.text.split('\n')).toEqual(Array.from({ length: 50 }, (_, i) => `ligne ${i}`));
  });

  it('on SIGTERM flushes every document, closes its sockets and exits 0', async () => {
    const env = freshEnv();
    const server = await spawnServer(env);
    children.push(server);
    const s = await createSessionFixture(server.url);
    const editor = connectDoc(server.wsUrl, s.recommendationId, s.participant.token);
    await vi.waitFor(() => expect(editor.provider.synced).toBe(true));
    const closes: number[] = [];
    editor.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event) closes.push(event.code);
    });
    appendParagraph(editor.body, 'dernier mot');
    await vi.waitFor(async () => {
      const r = await api<{ text: string }>(
        server.url,
        'GET',
        `/api/sessions/${s.sessionId}/recommendations/${s.recommendationId}`,
        undefined,
        s.participant.token,
      );
      expect(r.body.text).toContain('dernier mot');
    });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(storedText(env.DATA_DIR, s.recommendationId)).toBe('dernier mot');
    await vi.waitFor(() => expect(closes.length).toBeGreaterThan(0));
    editor.provider.destroy();
  });

  it('refuses to start with a one-line message naming a bad variable', async () => {
    await expect(spawnServer({ ...freshEnv(), PORT: 'not-a-port' })).rejects.toThrow(/roundtable: Invalid PORT/);
    await expect(spawnServer({ ...freshEnv(), SECRET: 'short' })).rejects.toThrow(/Invalid SECRET/);
  });
});
