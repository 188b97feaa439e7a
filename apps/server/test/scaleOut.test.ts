import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  ALIGNMENT_MAP,
  type CreateSessionResponse,
  DRAFT_BODY_FIELD,
  type FrozenTextsResponse,
  PARAGRAPH_ID_ATTRIBUTE,
  type RecommendationTextResponse,
  type JoinResponse,
  type VoteDto,
  type VoteUpdated,
} from '@roundtable/protocol';
import { startCluster, type Cluster } from './helpers/cluster.js';
import {
  api,
  emitAck,
  appendParagraph,
  connectDoc,
  connectSocket,
  createSessionFixture,
  type SessionFixture,
  type TestServer,
  watchPresence,
} from './helpers/testServer.js';

let cluster: Cluster;
let a: TestServer;
let b: TestServer;
let s: SessionFixture;

beforeAll(async () => {
  cluster = await startCluster(2, {}, { freezeCheckMs: FREEZE_CHECK_MS });
  [a, b] = cluster.instances as [TestServer, TestServer];
  s = await createSessionFixture(a.url);
});
afterAll(async () => {
  await cluster.close();
});

/** Shortened from 10 s: how long a freeze from another instance waits for its vote to be stored. */
const FREEZE_CHECK_MS = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Sock = ReturnType<typeof connectSocket>;
const emit = emitAck;
async function socketOn(server: TestServer, token: string): Promise<Sock> {
  const socket = connectSocket(server.url, token, ['websocket']);
  await vi.waitFor(() => expect(socket.connected).toBe(true), { timeout: 10_000 });
  return socket;
}

describe('two instances on Redis and PostgreSQL', () => {
  it('makes drafts converge for clients split across instances, carets included', async () => {
    const onA = connectDoc(a.wsUrl, s.recommendationId, s.facilitator.token);
    const onB = connectDoc(b.wsUrl, s.recommendationId, s.participant.token);
    try {
      await vi.waitFor(() => expect(onA.provider.synced && onB.provider.synced).toBe(true));
      onA.provider.awareness.setLocalStateField('user', { name: 'Anne' });
      appendParagraph(onA.body, 'écrit sur A');
      appendParagraph(onB.body, 'écrit sur B');
      await vi.waitFor(() => {
        expect(onA.body.toString()).toContain('écrit sur B');
        expect(onB.body.toString()).toContain('écrit sur A');
        expect(onA.body.toString()).toBe(onB.body.toString());
      });
      await vi.waitFor(() =>
        expect([...onB.provider.awareness.getStates().values()].map((st) => st.user?.name)).toContain('Anne'),
      );
    } finally {
      onA.provider.destroy();
      onB.provider.destroy();
    }
  });

  it('lets a client move from A to B and keep the edits it made while cut off', async () => {
    const doc = new Y.Doc();
    const first = connectDoc(a.wsUrl, s.recommendationId, s.participant.token, doc);
    const watcher = connectDoc(a.wsUrl, s.recommendationId, s.facilitator.token);
    await vi.waitFor(() => expect(first.provider.synced && watcher.provider.synced).toBe(true));
    first.provider.destroy();
    appendParagraph(doc.getXmlFragment(DRAFT_BODY_FIELD), 'hors ligne puis sur B');
    const moved = connectDoc(b.wsUrl, s.recommendationId, s.participant.token, doc);
    try {
      await vi.waitFor(() => expect(watcher.body.toString()).toContain('hors ligne puis sur B'));
    } finally {
      moved.provider.destroy();
      watcher.provider.destroy();
    }
  });

  it('thaws a draft whose freeze came from an instance that died before storing its vote', async () => {
    const fresh = await createSessionFixture(a.url);
    const reader = connectDoc(a.wsUrl, fresh.recommendationId, fresh.observer.token);
    const editor = connectDoc(b.wsUrl, fresh.recommendationId, fresh.participant.token);
    const early = connectDoc(b.wsUrl, fresh.recommendationId, fresh.facilitator.token);
    try {
      await vi.waitFor(() =>
        expect(reader.provider.synced && editor.provider.synced && early.provider.synced).toBe(true),
      );
      // What VoteService.open does first; the vote is never stored, as if A died right after.
      a.server.drafts.setFrozen(fresh.recommendationId, true);
      await sleep(FREEZE_CHECK_MS * 0.3);
      // Frozen on B too: this edit is refused there…
      appendParagraph(early.body, 'pendant le gel');
      await sleep(FREEZE_CHECK_MS * 0.2);
      expect(reader.body.toString()).not.toContain('pendant le gel');
      await sleep(FREEZE_CHECK_MS);
      // …until B finds no vote stored and thaws the draft: then it takes edits again, and
      // asks the refused editor for what it typed meanwhile.
      appendParagraph(editor.body, 'après le dégel');
      await vi.waitFor(() => expect(reader.body.toString()).toContain('après le dégel'), { timeout: 5_000 });
      await vi.waitFor(() => expect(reader.body.toString()).toContain('pendant le gel'), { timeout: 5_000 });
    } finally {
      for (const d of [reader, editor, early]) d.provider.destroy();
    }
  });

  it('shows presence as the union over instances', async () => {
    const onA = await socketOn(a, s.facilitator.token);
    const { names } = watchPresence(onA);
    const onB = await socketOn(b, s.observer.token);
    try {
      await vi.waitFor(() => expect(names()).toEqual(['Anne', 'Chloé']));
    } finally {
      onA.close();
      onB.close();
    }
  });

  it('counts ballots cast on A and on B once each, and freezes the draft on every instance', async () => {
    const fac = await socketOn(a, s.facilitator.token);
    const opened = await emit<{ vote: VoteDto }>(fac, 'vote:open', {
      method: 'approval',
      recommendationId: s.recommendationId,
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const frozen = await api<FrozenTextsResponse>(
      b.url,
      'GET',
      `/api/sessions/${s.sessionId}/votes/${opened.vote.id}/texts`,
      undefined,
      s.participant.token,
    );
    const frozenText = frozen.body.texts[0]!.text;
    expect(frozen.body.texts[0]!.sha256).toBe(opened.vote.frozenTexts[0]!.sha256);

    // An edit on B after the vote opened on A is applied nowhere.
    const editorB = connectDoc(b.wsUrl, s.recommendationId, s.participant.token);
    await vi.waitFor(() => expect(editorB.provider.synced).toBe(true));
    appendParagraph(editorB.body, 'pendant le vote, sur B');

    const joins = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api<JoinResponse>(a.url, 'POST', '/api/join', { code: s.created.codes.participant, name: `V${i}` }),
      ),
    );
    const voters = await Promise.all(joins.map((j, i) => socketOn(i % 2 ? b : a, j.body.token)));
    const acks = await Promise.all(
      voters.map((v) => emit(v, 'vote:cast', { voteId: opened.vote.id, ballot: { choice: 'for' } })),
    );
    expect(acks.every((x) => x.ok)).toBe(true);
    for (const server of [a, b]) {
      const view = await api<VoteUpdated>(
        server.url,
        'GET',
        `/api/sessions/${s.sessionId}/votes/${opened.vote.id}`,
        undefined,
        s.facilitator.token,
      );
      expect(view.body.tally).toMatchObject({ for: 20, ballots: 20 });
    }
    for (const server of [a, b]) {
      const text = await api<{ text: string }>(
        server.url,
        'GET',
        `/api/sessions/${s.sessionId}/recommendations/${s.recommendationId}`,
        undefined,
        s.facilitator.token,
      );
      expect(text.body.text).toBe(frozenText);
    }
    editorB.provider.destroy();
    for (const v of [fac, ...voters]) v.close();
  });

  it('stamps language versions once, on the instance the editor is on, and every instance reads them', async () => {
    const created = await api<CreateSessionResponse>(a.url, 'POST', '/api/sessions', {
      title: 'Federale rondetafel',
      kind: 'round_table',
      languages: ['nl', 'fr'],
    });
    const join = async (server: TestServer, code: string, name: string) =>
      (await api<JoinResponse>(server.url, 'POST', '/api/join', { code, name })).body;
    const fac = await join(a, created.body.codes.facilitator, 'Anne');
    const part = await join(b, created.body.codes.participant, 'Bram');
    const rec = await api<{ recommendation: { id: string } }>(
      a.url,
      'POST',
      `/api/sessions/${created.body.session.id}/recommendations`,
      { title: 'Werk', titles: { fr: 'Emploi' } },
      fac.token,
    );
    const recId = rec.body.recommendation.id;
    const onA = connectDoc(a.wsUrl, recId, fac.token);
    const onB = connectDoc(b.wsUrl, recId, part.token);
    const paragraph = (fragment: Y.XmlFragment, text: string) => {
      const p = new Y.XmlElement('paragraph');
      p.setAttribute(PARAGRAPH_ID_ATTRIBUTE, 'p1');
      p.insert(0, [new Y.XmlText(text)]);
      fragment.insert(fragment.length, [p]);
    };
    const versions = async (server: TestServer) =>
      (
        await api<RecommendationTextResponse>(
          server.url,
          'GET',
          `/api/sessions/${created.body.session.id}/recommendations/${recId}`,
          undefined,
          part.token,
        )
      ).body.versions.map((v) => `${v.lang}:${v.status}`);
    try {
      await vi.waitFor(() => expect(onA.provider.synced && onB.provider.synced).toBe(true));
      paragraph(onA.body, 'Gelijke toegang.');
      paragraph(onB.doc.getXmlFragment('body_fr'), 'Accès égal.');
      await vi.waitFor(async () => expect(await versions(b)).toEqual(['nl:out_of_date', 'fr:out_of_date']));
      const socket = await socketOn(b, part.token);
      expect(await emit(socket, 'translation:confirm', { recommendationId: recId, lang: 'fr' })).toMatchObject({
        ok: true,
      });
      for (const server of [a, b]) {
        await vi.waitFor(async () => expect(await versions(server)).toEqual(['nl:aligned', 'fr:aligned']));
      }
      // An edit on A is stamped once (by A), seen on B, and makes fr out of date there.
      const text = onA.body.get(0) as Y.XmlElement;
      (text.get(0) as Y.XmlText).insert(0, 'Echt ');
      await vi.waitFor(async () => expect(await versions(b)).toEqual(['nl:aligned', 'fr:out_of_date']));
      await vi.waitFor(() => expect(onB.doc.getMap(ALIGNMENT_MAP).get('edit:nl:p1')).toMatchObject({ name: 'Anne' }));
      // One stamp for that edit: the one right after the confirmation (B, which relayed it, wrote none).
      const stamps = onB.doc.getMap(ALIGNMENT_MAP);
      const seqOf = (key: string) => (stamps.get(key) as { seq: number }).seq;
      expect(seqOf('edit:nl:p1')).toBe(seqOf('confirm:fr') + 1);
      socket.close();
    } finally {
      onA.provider.destroy();
      onB.provider.destroy();
    }
  });
});
