import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { DRAFT_BODY_FIELD, MAX_YJS_MESSAGE_BYTES, YJS_CLOSE } from '@roundtable/protocol';
import { COMPACT_AFTER_ROWS } from '../src/collab/DocPersistence.js';
import {
  api,
  appendParagraph,
  connectDoc,
  createSessionFixture,
  rawYjs,
  startTestServer,
  type SessionFixture,
  type TestServer,
} from './helpers/testServer.js';

let t: TestServer;
let s: SessionFixture;
/** A genuine token of a second session. */
let otherSessionToken: string;

beforeAll(async () => {
  t = await startTestServer();
  s = await createSessionFixture(t.url);
  otherSessionToken = (await createSessionFixture(t.url)).participant.token;
});
afterAll(async () => {
  await t.close();
});

const text = (body: Y.XmlFragment) => body.toString();

describe('Yjs endpoint', () => {
  it('makes two participants converge on the same draft', async () => {
    const a = connectDoc(t.wsUrl, s.recommendationId, s.facilitator.token);
    const b = connectDoc(t.wsUrl, s.recommendationId, s.participant.token);
    try {
      appendParagraph(a.body, 'Garantir un accès égal au logement.');
      appendParagraph(b.body, 'Gelijke toegang tot huisvesting.');
      await vi.waitFor(() => {
        expect(text(a.body)).toContain('Gelijke toegang');
        expect(text(b.body)).toContain('accès égal');
        expect(text(a.body)).toBe(text(b.body));
      });
      const res = await api<{ text: string }>(
        t.url,
        'GET',
        `/api/sessions/${s.sessionId}/recommendations/${s.recommendationId}`,
        undefined,
        s.observer.token,
      );
      expect(res.status).toBe(200);
      expect(res.body.text.split('\n')).toEqual(
        expect.arrayContaining(['Garantir un accès égal au logement.', 'Gelijke toegang tot huisvesting.']),
      );
    } finally {
      a.provider.destroy();
      b.provider.destroy();
    }
  });

  it('applies and relays no observer update, yet keeps the observer connected and informed', async () => {
    const editor = connectDoc(t.wsUrl, s.recommendationId, s.participant.token);
    const observer = connectDoc(t.wsUrl, s.recommendationId, s.observer.token);
    try {
      await vi.waitFor(() => expect(observer.provider.synced).toBe(true));
      await vi.waitFor(() => expect(editor.provider.synced).toBe(true));
      appendParagraph(observer.body, 'INTRUSION');
      appendParagraph(editor.body, 'after-observer');
      await vi.waitFor(() => expect(text(observer.body)).toContain('after-observer'));
      // The editor saw the later update but never the observer's.
      expect(text(editor.body)).not.toContain('INTRUSION');
      const stored = await api<{ text: string }>(
        t.url,
        'GET',
        `/api/sessions/${s.sessionId}/recommendations/${s.recommendationId}`,
        undefined,
        s.facilitator.token,
      );
      expect(stored.body.text).toContain('after-observer');
      expect(stored.body.text).not.toContain('INTRUSION');
      expect(observer.provider.wsconnected).toBe(true);
    } finally {
      editor.provider.destroy();
      observer.provider.destroy();
    }
  });

  it.each([
    ['missing', () => undefined],
    ['forged', () => `${s.participant.token.slice(0, -4)}AAAA`],
    [
      'expired',
      () => t.tokens.sign({ sessionId: s.sessionId, participantId: 'p', role: 'participant', name: 'x' }, -1000),
    ],
    ['other-session', () => otherSessionToken],
  ])('closes with 4401 before sending anything for a %s token', async (_label, token) => {
    const conn = rawYjs(t.wsUrl, s.recommendationId, token());
    expect((await conn.closed).code).toBe(YJS_CLOSE.unauthorized);
    expect(conn.received).toHaveLength(0);
  });

  it('closes with 4404 for a document outside the session', async () => {
    const conn = rawYjs(t.wsUrl, 'not-a-recommendation', s.participant.token);
    expect((await conn.closed).code).toBe(YJS_CLOSE.notFound);
    expect(conn.received).toHaveLength(0);
  });

  it('closes only the connection that sends a malformed frame', async () => {
    const good = connectDoc(t.wsUrl, s.recommendationId, s.participant.token);
    await vi.waitFor(() => expect(good.provider.synced).toBe(true));
    const bad = rawYjs(t.wsUrl, s.recommendationId, s.participant.token);
    await bad.opened;
    // Sync message, "update" subtype, then a length that runs past the end of the frame.
    bad.ws.send(new Uint8Array([0, 2, 200, 1, 7]));
    expect((await bad.closed).code).toBe(YJS_CLOSE.malformedMessage);

    const garbage = rawYjs(t.wsUrl, s.recommendationId, s.participant.token);
    await garbage.opened;
    garbage.ws.send(new Uint8Array([9, 9, 9]));
    expect((await garbage.closed).code).toBe(YJS_CLOSE.malformedMessage);

    appendParagraph(good.body, 'still-working');
    const other = connectDoc(t.wsUrl, s.recommendationId, s.facilitator.token);
    try {
      await vi.waitFor(() => expect(text(other.body)).toContain('still-working'));
      expect(good.provider.wsconnected).toBe(true);
    } finally {
      good.provider.destroy();
      other.provider.destroy();
    }
  });

  it('closes only the connection that sends an oversized frame', async () => {
    const good = connectDoc(t.wsUrl, s.recommendationId, s.participant.token);
    await vi.waitFor(() => expect(good.provider.synced).toBe(true));
    const big = rawYjs(t.wsUrl, s.recommendationId, s.participant.token);
    await big.opened;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, new Uint8Array(MAX_YJS_MESSAGE_BYTES + 1));
    big.ws.send(encoding.toUint8Array(encoder));
    expect((await big.closed).code).toBe(YJS_CLOSE.messageTooLarge);

    appendParagraph(good.body, 'after-oversized');
    const other = connectDoc(t.wsUrl, s.recommendationId, s.facilitator.token);
    try {
      await vi.waitFor(() => expect(text(other.body)).toContain('after-oversized'));
      expect(good.provider.wsconnected).toBe(true);
    } finally {
      good.provider.destroy();
      other.provider.destroy();
    }
  });

  it('compacts stored updates in the background so a large draft loads from few rows', async () => {
    const a = connectDoc(t.wsUrl, s.recommendationId, s.participant.token);
    try {
      await vi.waitFor(() => expect(a.provider.synced).toBe(true));
      for (let i = 0; i < COMPACT_AFTER_ROWS + 50; i++) appendParagraph(a.body, `edit ${i}`);
      await vi.waitFor(async () => {
        const stored = await t.server.storage.docs.loadDoc(s.recommendationId);
        const copy = new Y.Doc();
        for (const u of stored.updates) Y.applyUpdate(copy, u);
        expect(copy.getXmlFragment(DRAFT_BODY_FIELD).toString()).toContain(`edit ${COMPACT_AFTER_ROWS + 49}`);
        expect(stored.updates.length).toBeLessThan(COMPACT_AFTER_ROWS);
        // Compaction yields to the event loop between groups of rows, so it takes some turns.
      }, 10_000);
    } finally {
      a.provider.destroy();
    }
  });

  it('writes out and unloads a document nobody is connected to, and loads it again intact', async () => {
    const a = connectDoc(t.wsUrl, s.recommendationId, s.participant.token);
    await vi.waitFor(() => expect(a.provider.synced).toBe(true));
    appendParagraph(a.body, 'before-unload');
    await vi.waitFor(async () => {
      const r = await api<{ text: string }>(
        t.url,
        'GET',
        `/api/sessions/${s.sessionId}/recommendations/${s.recommendationId}`,
        undefined,
        s.participant.token,
      );
      expect(r.body.text).toContain('before-unload');
    });
    a.provider.destroy();
    await vi.waitFor(() => expect(t.server.docs.loadedDocs).toBe(0), { timeout: 10_000 });
    const b = connectDoc(t.wsUrl, s.recommendationId, s.participant.token);
    try {
      await vi.waitFor(() => expect(text(b.body)).toContain('before-unload'));
    } finally {
      b.provider.destroy();
    }
  });
});

describe('Yjs endpoint, heartbeat probes', () => {
  it("answers a stock client's later step 1 with a step 2 then the server's state vector, and the client keeps working", async () => {
    const a = connectDoc(t.wsUrl, s.recommendationId, s.participant.token);
    const b = connectDoc(t.wsUrl, s.recommendationId, s.participant.token);
    try {
      await vi.waitFor(() => expect(a.provider.synced && b.provider.synced).toBe(true));
      appendParagraph(a.body, 'probed');
      // Frames a receives from now on: [message type, sync type].
      const heard: number[][] = [];
      const ws = a.provider.ws!;
      ws.addEventListener('message', (event) => {
        const bytes = new Uint8Array(event.data as ArrayBuffer);
        heard.push([bytes[0]!, bytes[1]!]);
      });
      const probe = encoding.createEncoder();
      encoding.writeVarUint(probe, 0);
      syncProtocol.writeSyncStep1(probe, a.doc);
      ws.send(encoding.toUint8Array(probe));
      await vi.waitFor(() =>
        expect(heard.filter((h) => h[0] === 0)).toEqual([
          [0, 1],
          [0, 0],
        ]),
      );
      // The stock client answered the server's step 1 with a step 2, and goes on as before.
      appendParagraph(a.body, 'after the probe');
      await vi.waitFor(() => expect(text(b.body)).toContain('after the probe'));
      expect(text(b.body)).toContain('probed');
      expect(a.provider.wsconnected).toBe(true);
    } finally {
      a.provider.destroy();
      b.provider.destroy();
    }
  });
});

describe('Yjs endpoint, hostile input', () => {
  it('survives an undecodable document path', async () => {
    const conn = rawYjs(t.wsUrl, '%E0%A4%A', s.participant.token);
    expect((await conn.closed).code).toBe(YJS_CLOSE.notFound);
    expect((await api(t.url, 'GET', '/healthz')).status).toBe(200);
  });

  it('sends a keep-alive that a stock client takes without harm, so a lone observer stays', async () => {
    const quick = await startTestServer({}, { keepaliveMs: 100 });
    try {
      const f = await createSessionFixture(quick.url);
      const raw = rawYjs(quick.wsUrl, f.recommendationId, f.observer.token);
      await raw.opened;
      // Sync step 1 first, then keep-alives: message type 1 (awareness), an update naming 0 clients.
      await vi.waitFor(() =>
        expect(raw.received.some((d) => Buffer.compare(d, Buffer.from([1, 1, 0])) === 0)).toBe(true),
      );
      raw.ws.close();
      const observer = connectDoc(quick.wsUrl, f.recommendationId, f.observer.token);
      await vi.waitFor(() => expect(observer.provider.synced).toBe(true));
      const before = observer.provider.wsLastMessageReceived;
      await vi.waitFor(() => expect(observer.provider.wsLastMessageReceived).toBeGreaterThan(before));
      expect(observer.provider.wsconnected).toBe(true);
      observer.provider.destroy();
    } finally {
      await quick.close();
    }
  });
});
