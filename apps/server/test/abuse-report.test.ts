import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JoinResponse, RecommendationResponse, VoteDto } from '@roundtable/protocol';
import {
  api,
  appendParagraph,
  connectDoc,
  connectSocket,
  createSessionFixture,
  emitAck,
  startTestServer,
  type SessionFixture,
  type TestServer,
} from './helpers/testServer.js';

/*
 * Attack (#11): a participant rewrites the official record. A CR typed into a draft ended the
 * Markdown quote and started a heading of the attacker's choosing; a "~~~" in a title opened a
 * code fence that swallowed the rest of the report. Every user string now reaches Markdown
 * through one escape, after the protocol's one text rule.
 */

const RLO = '\u202e';
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Split as a Markdown reader would: CR, LF and CRLF all end a line. */
const linesOf = (md: string) => md.split(/\r\n|\r|\n/);

let t: TestServer;
let s: SessionFixture;
let hostileRecId: string;
const report = (format: string, extra = '') =>
  fetch(`${t.url}/api/sessions/${s.sessionId}/report?format=${format}${extra}`, {
    headers: { authorization: `Bearer ${s.facilitator.token}` },
  }).then((r) => r.text());

beforeAll(async () => {
  t = await startTestServer();
  s = await createSessionFixture(t.url);
  const created = await api<RecommendationResponse>(
    t.url,
    'POST',
    `/api/sessions/${s.sessionId}/recommendations`,
    { title: '~~~ Clôture # x', theme: 'housing' },
    s.facilitator.token,
  );
  expect(created.status).toBe(201);
  hostileRecId = created.body.recommendation.id;
  // A name and an organisation that try a table cell and raw HTML (printed with participants=1).
  const mallory = await api<JoinResponse>(t.url, 'POST', '/api/join', {
    code: s.created.codes.participant,
    name: '# Mallory | ~~~',
    organisation: '<b>Org</b> | [lien](http://x)',
  });
  expect(mallory.status).toBe(200);

  // The draft, typed through the stock y-websocket client: what REST would refuse.
  const editor = connectDoc(t.wsUrl, hostileRecId, s.participant.token);
  try {
    await vi.waitFor(() => expect(editor.provider.synced).toBe(true));
    appendParagraph(editor.body, `line\r# Injected heading\r\n~~~\n${RLO}reversed\u0000 \ud800tail words`);
    await vi.waitFor(async () => {
      const r = await api<{ text: string }>(
        t.url,
        'GET',
        `/api/sessions/${s.sessionId}/recommendations/${hostileRecId}`,
        undefined,
        s.facilitator.token,
      );
      expect(r.body.text).toContain('tail words');
    });
  } finally {
    editor.provider.destroy();
  }

  const fac = connectSocket(t.url, s.facilitator.token, ['websocket']);
  const par = connectSocket(t.url, s.participant.token, ['websocket']);
  try {
    const agenda = await emitAck(fac, 'agenda:set', {
      items: [{ title: '```js fence ## agenda', kind: 'discussion', plannedMinutes: 10 }],
    });
    expect(agenda.ok).toBe(true);
    const opened = await emitAck<{ vote: VoteDto }>(fac, 'vote:open', {
      method: 'consent',
      recommendationId: hostileRecId,
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const cast = await emitAck(par, 'vote:cast', {
      voteId: opened.vote.id,
      ballot: { choice: 'object', reason: 'Trop vague\r## Forged\r\n- [x] done' },
    });
    expect(cast.ok).toBe(true);
    expect((await emitAck(fac, 'vote:close', { voteId: opened.vote.id })).ok).toBe(true);
    // A question vote: its question becomes a heading of "other votes".
    const question = await emitAck(fac, 'vote:open', { method: 'approval', question: '## Question ~~~ forgée ?' });
    expect(question.ok).toBe(true);
    // A question from the room, approved: a table cell that tries a row break and a heading.
    const asked = await emitAck<{ question: { id: string } }>(par, 'question:ask', {
      text: 'Pourquoi | pas\r\n## Forged room heading\n| x | y |',
    });
    if (!asked.ok) throw new Error(asked.error.message);
    expect((await emitAck(fac, 'question:moderate', { questionId: asked.question.id, state: 'approved' })).ok).toBe(
      true,
    );
  } finally {
    fac.close();
    par.close();
  }
});
afterAll(async () => {
  await t.close();
});

describe('abuse: rewriting the report', () => {
  it('refuses a session title with a bidi override or a NUL at the REST boundary', async () => {
    for (const title of [`Vote ${RLO}nolla`, 'Vote\u0000 nul']) {
      const res = await api<{ error: { code: string } }>(t.url, 'POST', '/api/sessions', {
        title,
        kind: 'round_table',
      });
      expect(res.status, JSON.stringify(title)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
  });

  it('keeps the Markdown report to its own structure, with the hostile words still readable', async () => {
    const md = await report('md', '&participants=1');
    const lines = linesOf(md);
    expect(md).not.toContain('\r');
    expect(
      lines.filter((l) => /^# Injected|^#+ Forged|^#+ Question|^#+ x/.test(l) && l !== '## Questions de la salle'),
    ).toEqual([]);
    // Only the headings the report makes: one title; session, attendance, agenda,
    // recommendations, other votes, minutes (no speaking time: nobody spoke).
    expect(lines.filter((l) => l.startsWith('# '))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('## '))).toEqual([
      '## Séance',
      '## Présences',
      '## Ordre du jour',
      '## Recommandations',
      '## Autres votes',
      '## Questions de la salle',
      '## Procès-verbal',
    ]);
    // The question stays in one table row.
    expect(lines.filter((l) => l.includes('Forged room heading'))).toEqual([
      '| Pourquoi \\| pas \\#\\# Forged room heading \\| x \\| y \\| | Français | Approuvée | 0 |',
    ]);
    // No fence opens anywhere, nor inside the quote; no line escapes the quote of the draft.
    expect(lines.filter((l) => /^(>\s*)*\s*(`{3,}|~{3,})/.test(l))).toEqual([]);
    const quoteStart = lines.findIndex((l) => l.startsWith('> line'));
    expect(lines.slice(quoteStart, quoteStart + 4)).toEqual([
      '> line',
      '> \\# Injected heading',
      '> \\~\\~\\~',
      // The lone surrogate never reaches the server: lib0's UTF-8 encoder sends U+FFFD for it.
      '> reversed \ufffdtail words',
    ]);
    expect(lines[quoteStart + 4]).toBe('');
    // The reason's second line stays inside its list item, escaped.
    expect(md).toMatch(/\n- Objection\u202f: Trop vague\n {2}\\#\\# Forged\n {2}\\- \\\[x\\\] done\n/);
    expect(md).toContain('#### \\~\\~\\~ Clôture \\# x');
    expect(md).toContain('### \\#\\# Question \\~\\~\\~ forgée ?');
    expect(md).toContain('- \\`\\`\\`js fence \\#\\# agenda (Discussion, 10 min)');
    expect(md).toContain('| \\# Mallory \\| \\~\\~\\~ | \\<b\\>Org\\</b\\> \\| \\[lien\\](http://x) | Participant·e |');
    expect(md).not.toContain(RLO);
    expect(md).not.toContain('\u0000');
    expect(md).not.toMatch(LONE_SURROGATE);
  });

  it('escapes the same text in HTML and cleans it in JSON', async () => {
    const html = await report('html', '&participants=1');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;b&gt;Org&lt;/b&gt;');
    expect(html).toContain('<blockquote>line\n# Injected heading\n~~~\nreversed \ufffdtail words</blockquote>');
    expect(html).not.toContain('\r');
    const json = await report('json');
    for (const out of [html, json]) {
      expect(out).not.toContain(RLO);
      expect(out).not.toMatch(LONE_SURROGATE);
      expect(out).not.toMatch(/\\u202e|\\u0000|\\ud800/i);
    }
  });
});
