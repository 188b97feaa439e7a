import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Ack, VoteDto } from '@roundtable/protocol';
import {
  api,
  appendParagraph,
  connectDoc,
  connectSocket,
  createSessionFixture,
  startTestServer,
  type SessionFixture,
  type TestServer,
} from './helpers/testServer.js';

let t: TestServer;
let s: SessionFixture;
let report: (format: string, token?: string, extra?: string) => Promise<Response>;

beforeAll(async () => {
  t = await startTestServer();
  s = await createSessionFixture(t.url);
  report = (format, token = s.facilitator.token, extra = '') =>
    fetch(`${t.url}/api/sessions/${s.sessionId}/report?format=${format}${extra}`, {
      headers: { authorization: `Bearer ${token}` },
    });

  // A draft, an anonymous vote on it with one ballot, closed and adopted.
  const editor = connectDoc(t.wsUrl, s.recommendationId, s.participant.token);
  await vi.waitFor(() => expect(editor.provider.synced).toBe(true));
  appendParagraph(editor.body, 'Réserver 20 % des logements sociaux <script>alert(1)</script>');
  await vi.waitFor(async () => {
    const r = await api<{ text: string }>(
      t.url,
      'GET',
      `/api/sessions/${s.sessionId}/recommendations/${s.recommendationId}`,
      undefined,
      s.facilitator.token,
    );
    expect(r.body.text).toContain('20 %');
  });
  editor.provider.destroy();
  const fac = connectSocket(t.url, s.facilitator.token, ['websocket']);
  const par = connectSocket(t.url, s.participant.token, ['websocket']);
  type Emitter = { emitWithAck(e: string, p: unknown): Promise<Ack<{ vote: VoteDto }>> };
  const opened = await (fac as unknown as Emitter).emitWithAck('vote:open', {
    method: 'approval',
    recommendationId: s.recommendationId,
    anonymous: true,
  });
  if (!opened.ok) throw new Error(opened.error.message);
  await (par as unknown as Emitter).emitWithAck('vote:cast', { voteId: opened.vote.id, ballot: { choice: 'for' } });
  await (fac as unknown as Emitter).emitWithAck('vote:close', { voteId: opened.vote.id });
  await (fac as unknown as Emitter).emitWithAck('recommendation:decide', {
    recommendationId: s.recommendationId,
    outcome: 'adopted',
  });
  fac.close();
  par.close();
});
afterAll(async () => {
  await t.close();
});

describe('session report', () => {
  it('is for facilitators only', async () => {
    expect((await report('md', s.participant.token)).status).toBe(403);
    expect((await report('md', s.observer.token)).status).toBe(403);
    expect((await report('xls')).status).toBe(400);
  });

  it('gives the Markdown record in the session language: frozen text, tally, outcome, attendance by type', async () => {
    const res = await report('md');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="roundtable-table-ronde-logement-/);
    const md = await res.text();
    expect(md).toContain('# Rapport — Table ronde logement');
    expect(md).toContain('#### Accès au logement');
    expect(md).toContain('Décision\u202f: Adoptée');
    expect(md).toContain('> Réserver 20 % des logements sociaux \\<script\\>alert(1)\\</script\\>');
    expect(md).toContain('Résultat\u202f: Pour 1 · Contre 0 · Abstention 0 — majorité pour');
    expect(md).toContain('Bulletins\u202f: 1');
    // Attendance by role, no names unless asked.
    expect(md).toMatch(/\| Participant·e \| 1 \|/);
    expect(md).not.toContain('Bram');
    expect(await (await report('md', undefined, '&participants=1')).text()).toContain('| Bram |');
  });

  it('records the agenda and speaking time per group, never intervision notes', async () => {
    const fac = connectSocket(t.url, s.facilitator.token, ['websocket']);
    const par = connectSocket(t.url, s.participant.token, ['websocket']);
    type E = { emitWithAck(e: string, p: unknown): Promise<Ack<{ state: { speaker: { since: number } | null } }>> };
    try {
      const given = await (fac as unknown as E).emitWithAck('floor:give', {
        participantId: s.participant.participant.id,
      });
      if (!given.ok) throw new Error(given.error.message);
      await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(given.state.speaker!.since + 20));
      expect((await (par as unknown as E).emitWithAck('floor:end', {})).ok).toBe(true);
    } finally {
      fac.close();
      par.close();
    }
    const md = await (await report('md')).text();
    expect(md).toContain('## Ordre du jour');
    expect(md).toContain('- Tour de table (Discussion, 30 min)');
    expect(md).toContain('## Temps de parole');
    expect(md).toMatch(/\| Non précisé \| 0 min 0\d s \(100 %\) \|/);
  });

  it('renders self-contained HTML with escaped user text', async () => {
    const res = await report('html');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).not.toMatch(/<link|src=/);
  });

  it('gives JSON with the tally and no link from ballot to person', async () => {
    const json = (await (await report('json')).json()) as {
      recommendationsByTheme: {
        recommendations: { recommendation: { status: string }; votes: { tally: unknown }[] }[];
      }[];
    };
    const rec = json.recommendationsByTheme[0]!.recommendations[0]!;
    expect(rec.recommendation.status).toBe('adopted');
    expect(rec.votes[0]!.tally).toMatchObject({ for: 1, ballots: 1 });
    expect(JSON.stringify(json)).not.toContain(s.participant.participant.id);
  });

  it('records an intervision phase the facilitator jumped over as skipped, not as held', async () => {
    const fac = connectSocket(t.url, s.facilitator.token, ['websocket']);
    type E = { emitWithAck(e: string, p: unknown): Promise<Ack<{ state: { agenda: { id: string }[] } }>> };
    const emit = async (event: string, payload: unknown) => {
      const res = await (fac as unknown as E).emitWithAck(event, payload);
      if (!res.ok) throw new Error(`${event}: ${res.error.message}`);
      return res.state;
    };
    try {
      const { agenda } = await emit('agenda:applyTemplate', { template: 'intervision' });
      await emit('agenda:current', { itemId: agenda[0]!.id });
      // From the case presentation straight to the advice: questions and analysis skipped.
      await emit('agenda:current', { itemId: agenda[3]!.id });
    } finally {
      fac.close();
    }
    const md = await (await report('md')).text();
    const section = md.slice(md.indexOf('## Ordre du jour'));
    const items = section
      .slice(0, section.indexOf('\n## ', 3))
      .split('\n')
      .filter((l) => l.startsWith('- '));
    expect(items).toHaveLength(5);
    expect(items.map((l) => l.includes(', sauté, non tenu)'))).toEqual([false, true, true, false, false]);
    // And the JSON record says which.
    const json = (await (await report('json')).json()) as { agenda: { id: string }[]; skippedItemIds: string[] };
    expect(json.skippedItemIds).toEqual([json.agenda[1]!.id, json.agenda[2]!.id]);
  });
});
