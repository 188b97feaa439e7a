import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type {
  AmendmentDto,
  AmendmentResponse,
  AmendmentsResponse,
  HistoryResponse,
  RecommendationTextResponse,
  VersionResponse,
  VersionTextsResponse,
} from '@roundtable/protocol';
import { spawnServer, type ServerProcess } from './helpers/serverProcess.js';
import {
  api,
  appendParagraph,
  connectDoc,
  connectedSocket,
  createSessionFixture,
  emitAck,
  startTestServer,
  type SessionFixture,
  type TestServer,
} from './helpers/testServer.js';

/*
 * History of drafts (api-v1 1.1): versions kept with their hashes and texts, who edited
 * between them, restore as a new edit; and a kill -9 after an accepted amendment.
 */

let t: TestServer;
const sockets: { close(): void }[] = [];
const providers: { provider: { destroy(): void } }[] = [];
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  for (const p of providers) p.provider.destroy();
  await t.close();
});

const base = (f: SessionFixture) => `/api/sessions/${f.sessionId}/recommendations/${f.recommendationId}`;
const history = async (url: string, f: SessionFixture, token = f.observer.token) =>
  (await api<HistoryResponse>(url, 'GET', `${base(f)}/history`, undefined, token)).body;
const textOf = async (url: string, f: SessionFixture) =>
  (await api<RecommendationTextResponse>(url, 'GET', base(f), undefined, f.observer.token)).body.text;

async function editor(wsUrl: string, f: SessionFixture, token: string) {
  const c = connectDoc(wsUrl, f.recommendationId, token);
  providers.push(c);
  await vi.waitFor(() => expect(c.provider.synced).toBe(true));
  return c;
}

describe('history', () => {
  it('lists versions with hashes and their texts as they were; restore is a new edit', async () => {
    const f = await createSessionFixture(t.url);
    const bram = await editor(t.wsUrl, f, f.participant.token);
    appendParagraph(bram.body, 'Première version.');
    await vi.waitFor(async () => expect(await textOf(t.url, f)).toBe('Première version.'));

    // Only facilitators save; labels follow the text rules.
    expect((await api(t.url, 'POST', `${base(f)}/history`, {}, f.participant.token)).status).toBe(403);
    expect(
      (await api(t.url, 'POST', `${base(f)}/history`, { label: 'x'.repeat(121) }, f.facilitator.token)).status,
    ).toBe(400);
    expect((await api(t.url, 'POST', `${base(f)}/history`, { label: 'a\u202eb' }, f.facilitator.token)).status).toBe(
      400,
    );
    const first = await api<VersionResponse>(
      t.url,
      'POST',
      `${base(f)}/history`,
      { label: 'Avant la pause' },
      f.facilitator.token,
    );
    expect(first.status).toBe(201);
    expect(first.body.version).toMatchObject({
      reason: 'saved',
      label: 'Avant la pause',
      hashes: { fr: sha('Première version.') },
      editors: [{ participantId: f.participant.participant.id, name: 'Bram' }],
      restoredFrom: null,
    });

    // Anne edits next: she is the editor of the next version, and "since last" until then.
    const anne = await editor(t.wsUrl, f, f.facilitator.token);
    appendParagraph(anne.body, 'Ajout d’Anne.');
    await vi.waitFor(async () => expect(await textOf(t.url, f)).toBe('Première version.\nAjout d’Anne.'));
    await vi.waitFor(
      async () =>
        expect((await history(t.url, f)).editorsSinceLast).toEqual([
          { participantId: f.facilitator.participant.id, name: 'Anne' },
        ]),
      { timeout: 10_000 },
    );
    const second = (await api<VersionResponse>(t.url, 'POST', `${base(f)}/history`, {}, f.facilitator.token)).body
      .version;
    expect(second.editors.map((e) => e.name)).toEqual(['Anne']);
    expect(second.label).toBeNull();

    const listed = await history(t.url, f);
    expect(listed.versions.map((v) => v.id)).toEqual([first.body.version.id, second.id]);
    expect(listed.versions.map((v) => v.hashes.fr)).toEqual([
      sha('Première version.'),
      sha('Première version.\nAjout d’Anne.'),
    ]);
    expect(listed.editorsSinceLast).toEqual([]);
    const old = await api<VersionTextsResponse>(
      t.url,
      'GET',
      `${base(f)}/history/${first.body.version.id}`,
      undefined,
      f.observer.token,
    );
    expect(old.body.texts).toEqual({ fr: 'Première version.' });
    expect(sha(old.body.texts.fr!)).toBe(old.body.version.hashes.fr);

    // Restore: only facilitators; the old text comes back as a new edit everyone sees.
    const restorePath = `${base(f)}/history/${first.body.version.id}/restore`;
    expect((await api(t.url, 'POST', restorePath, {}, f.participant.token)).status).toBe(403);
    const restored = await api<VersionResponse>(t.url, 'POST', restorePath, {}, f.facilitator.token);
    expect(restored.status).toBe(200);
    expect(restored.body.version).toMatchObject({ reason: 'saved', restoredFrom: first.body.version.id });
    expect(restored.body.version.hashes.fr).toBe(sha('Première version.'));
    await vi.waitFor(() => expect(bram.body.toString()).toBe('<paragraph>Première version.</paragraph>'));
    expect(await textOf(t.url, f)).toBe('Première version.');
    // History is never rewritten: the version restored from is still there, the one after it too.
    expect((await history(t.url, f)).versions.map((v) => v.id)).toEqual([
      first.body.version.id,
      second.id,
      restored.body.version.id,
    ]);
    // Edits after the restore merge with it as with any edit.
    appendParagraph(bram.body, 'Après restauration.');
    await vi.waitFor(async () => expect(await textOf(t.url, f)).toBe('Première version.\nAprès restauration.'));
  });

  it('refuses a restore while the draft is frozen, and ids of another session', async () => {
    const f = await createSessionFixture(t.url);
    const other = await createSessionFixture(t.url);
    const c = await editor(t.wsUrl, f, f.participant.token);
    appendParagraph(c.body, 'Texte voté.');
    await vi.waitFor(async () => expect(await textOf(t.url, f)).toBe('Texte voté.'));
    const facilitator = await connectedSocket(t.url, f.facilitator.token, sockets);
    const vote = await emitAck<{ vote: { id: string } }>(facilitator, 'vote:open', {
      method: 'approval',
      recommendationId: f.recommendationId,
    });
    if (!vote.ok) throw new Error(vote.error.message);
    const [kept] = (await history(t.url, f)).versions;
    expect(kept).toMatchObject({ reason: 'vote_opened', hashes: { fr: sha('Texte voté.') } });
    const restore = await api(t.url, 'POST', `${base(f)}/history/${kept!.id}/restore`, {}, f.facilitator.token);
    expect(restore.status).toBe(409);

    // Another session's facilitator, or this version under another session's recommendation.
    expect((await api(t.url, 'GET', `${base(f)}/history`, undefined, other.facilitator.token)).status).toBe(401);
    const crossed = `/api/sessions/${other.sessionId}/recommendations/${other.recommendationId}/history/${kept!.id}`;
    expect((await api(t.url, 'GET', crossed, undefined, other.facilitator.token)).status).toBe(404);
    expect((await api(t.url, 'POST', `${crossed}/restore`, {}, other.facilitator.token)).status).toBe(404);
    const foreignRec = `/api/sessions/${f.sessionId}/recommendations/${other.recommendationId}/history`;
    expect((await api(t.url, 'GET', foreignRec, undefined, f.facilitator.token)).status).toBe(404);

    // A decision keeps a version too.
    const voteId = vote.vote.id;
    expect((await emitAck(facilitator, 'vote:close', { voteId })).ok).toBe(true);
    expect(
      (
        await emitAck(facilitator, 'recommendation:decide', {
          recommendationId: f.recommendationId,
          outcome: 'to_amend',
        })
      ).ok,
    ).toBe(true);
    expect((await history(t.url, f)).versions.map((v) => v.reason)).toEqual(['vote_opened', 'decided']);
  });
});

describe('kill -9 after an accepted amendment', () => {
  let server: ServerProcess | undefined;
  let dataDir: string;
  afterAll(() => {
    server?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses neither the amendment nor the applied text', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rt-amend-kill-'));
    const env = { DATA_DIR: dataDir, SECRET: randomBytes(32).toString('base64url') };
    server = await spawnServer(env);
    const f = await createSessionFixture(server.url);
    const doc = new Y.Doc();
    const c = connectDoc(server.wsUrl, f.recommendationId, f.participant.token, doc);
    providers.push(c);
    await vi.waitFor(() => expect(c.provider.synced).toBe(true));
    appendParagraph(c.body, 'Ouvrir des places en hiver.');
    await vi.waitFor(async () => expect(await textOf(server!.url, f)).toBe('Ouvrir des places en hiver.'));
    const proposed = await api<AmendmentResponse>(
      server.url,
      'POST',
      `${base(f)}/amendments`,
      { original: 'en hiver', replacement: 'toute l’année' },
      f.participant.token,
    );
    const facilitator = await connectedSocket(server.url, f.facilitator.token, sockets);
    const decided = await emitAck<{ amendment: AmendmentDto }>(facilitator, 'amendment:decide', {
      amendmentId: proposed.body.amendment.id,
      outcome: 'accepted',
    });
    expect(decided.ok).toBe(true);
    // Killed right after the ack: no graceful flush.
    server.child.kill('SIGKILL');
    await server.exited;
    c.provider.destroy();

    server = await spawnServer(env);
    expect(await textOf(server.url, f)).toBe('Ouvrir des places toute l’année.');
    const listed = await api<AmendmentsResponse>(
      server.url,
      'GET',
      `${base(f)}/amendments`,
      undefined,
      f.observer.token,
    );
    expect(listed.body.amendments).toMatchObject([{ id: proposed.body.amendment.id, status: 'accepted' }]);
    const kept = await history(server.url, f);
    expect(kept.versions.map((v) => [v.reason, v.hashes.fr])).toEqual([
      ['amendment_accepted', sha('Ouvrir des places toute l’année.')],
    ]);
  }, 90_000);
});
