import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JoinResponse, MeetingState, RecommendationResponse, VoteDto } from '@roundtable/protocol';
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
import { docxText, docxXml, expectInOrder, pdfText } from './helpers/reportFiles.js';

/*
 * #16: the record people file. DOCX and PDF are opened as a reader's software would (the
 * DOCX unzipped and its XML read, the PDF's text extracted by pdf.js) and every section and
 * text is looked for, in both languages of the bilingual report.
 */

const RLO = '\u202e';
const HOSTILE_TITLE = '<w:t>&amp;</w:body> ]]> **gras** | # ~~~';
/** REST refuses a bidi override; a Yjs document takes any text, so the minutes carry one. */
const HOSTILE_MINUTES = `${RLO}renversé <script>x</script> & fin`;
/** The longest title REST takes, one word with no place to break. */
const LONG_TITLE = `Très${'x'.repeat(196)}`;
const PLACE = 'Résidence Palace, Bruxelles';

let t: TestServer;
let s: SessionFixture;
const opened: { close(): void }[] = [];
let minuteTaker: JoinResponse;

const get = (query: string, token = s.facilitator.token) =>
  fetch(`${t.url}/api/sessions/${s.sessionId}/report?${query}`, { headers: { authorization: `Bearer ${token}` } });
const bytes = async (query: string) => {
  const res = await get(query);
  expect(res.status).toBe(200);
  const file = new Uint8Array(await res.arrayBuffer());
  // REPORT_FILES_DIR=… keeps the files, to look at them (pdftoppm -png them into pages).
  if (process.env.REPORT_FILES_DIR) {
    const name = query.replace(/[^a-z0-9]+/gi, '_');
    writeFileSync(join(process.env.REPORT_FILES_DIR, `${name}.${query.includes('pdf') ? 'pdf' : 'docx'}`), file);
  }
  return file;
};
beforeAll(async () => {
  t = await startTestServer();
  s = await createSessionFixture(t.url);
  // A place with accents, set by the facilitator after creation (#16 extension).
  expect(
    (await api(t.url, 'PATCH', `/api/sessions/${s.sessionId}`, { place: PLACE }, s.facilitator.token)).status,
  ).toBe(200);
  minuteTaker = (
    await api<JoinResponse>(t.url, 'POST', '/api/join', {
      code: s.created.codes.participant,
      name: 'Dirk',
      organisationType: 'civil_society',
    })
  ).body;
  for (const title of [HOSTILE_TITLE, LONG_TITLE]) {
    const r = await api<RecommendationResponse>(
      t.url,
      'POST',
      `/api/sessions/${s.sessionId}/recommendations`,
      { title, theme: 'housing' },
      s.facilitator.token,
    );
    expect(r.status).toBe(201);
  }
  const editor = connectDoc(t.wsUrl, s.recommendationId, s.participant.token);
  opened.push({ close: () => editor.provider.destroy() });
  await vi.waitFor(() => expect(editor.provider.synced).toBe(true));
  appendParagraph(editor.body, 'Réserver 20 % des logements sociaux');

  const fac = await connectedSocket(t.url, s.facilitator.token, opened);
  const par = await connectedSocket(t.url, s.participant.token, opened);
  const dirk = await connectedSocket(t.url, minuteTaker.token, opened);
  // An approval vote on the recommendation, adopted; a named score vote split by group.
  const approval = await emitAck<{ vote: VoteDto }>(fac, 'vote:open', {
    method: 'approval',
    recommendationId: s.recommendationId,
  });
  if (!approval.ok) throw new Error(approval.error.message);
  expect((await emitAck(par, 'vote:cast', { voteId: approval.vote.id, ballot: { choice: 'for' } })).ok).toBe(true);
  expect((await emitAck(fac, 'vote:close', { voteId: approval.vote.id })).ok).toBe(true);
  expect(
    (await emitAck(fac, 'recommendation:decide', { recommendationId: s.recommendationId, outcome: 'adopted' })).ok,
  ).toBe(true);
  const score = await emitAck<{ vote: VoteDto }>(fac, 'vote:open', {
    method: 'score',
    options: ['Option Alpha', 'Option Beta'],
    splitByGroup: true,
  });
  if (!score.ok) throw new Error(score.error.message);
  const [alpha, beta] = score.vote.options;
  const ballot = (a: number, b: number) => ({
    voteId: score.vote.id,
    ballot: { scores: { [alpha!.id]: a, [beta!.id]: b } },
  });
  expect((await emitAck(par, 'vote:cast', ballot(4, 1))).ok).toBe(true);
  expect((await emitAck(dirk, 'vote:cast', ballot(2, 5))).ok).toBe(true);
  expect((await emitAck(fac, 'vote:close', { voteId: score.vote.id })).ok).toBe(true);

  // One finished turn, so the record has speaking time.
  const given = await emitAck<{ state: MeetingState }>(fac, 'floor:give', {
    participantId: minuteTaker.participant.id,
  });
  if (!given.ok) throw new Error(given.error.message);
  await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(given.state.speaker!.since + 20));
  expect((await emitAck(dirk, 'floor:end', {})).ok).toBe(true);

  // Dirk takes the minutes; Bram (a participant too) and the observer may only read them.
  const named = await emitAck<{ state: MeetingState }>(fac, 'minutes:setTaker', {
    participantId: minuteTaker.participant.id,
  });
  if (!named.ok) throw new Error(named.error.message);
  expect(named.state.minuteTakerId).toBe(minuteTaker.participant.id);
  const minutesDoc = `minutes-${s.sessionId}`;
  const writer = connectDoc(t.wsUrl, minutesDoc, minuteTaker.token);
  const bystander = connectDoc(t.wsUrl, minutesDoc, s.participant.token);
  opened.push({ close: () => writer.provider.destroy() }, { close: () => bystander.provider.destroy() });
  await vi.waitFor(() => expect(writer.provider.synced && bystander.provider.synced).toBe(true));
  appendParagraph(writer.body, 'La séance ouvre à 14 h. Quorum atteint.');
  appendParagraph(writer.body, HOSTILE_MINUTES);
  appendParagraph(bystander.body, 'Texte glissé par un participant non désigné');
  await vi.waitFor(async () => {
    const md = await (await get('format=md')).text();
    expect(md).toContain('La séance ouvre à 14 h. Quorum atteint.');
  });
  // The server dropped the bystander's paragraph: the minute-taker never gets it either.
  await vi.waitFor(() => expect(bystander.body.toString()).toContain('Quorum atteint'));
  expect(writer.body.toString()).not.toContain('non désigné');
});

afterAll(async () => {
  for (const o of opened) o.close();
  await t.close();
});

describe('report query', () => {
  it('refuses an unknown format or language with invalid_request', async () => {
    for (const query of [
      'format=xls',
      'format=pdf&lang=de',
      'format=docx&lang=nl+fr',
      'format=pdf&lang=',
      'lang=fr&lang=nl',
    ]) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
    expect((await get('format=pdf', s.participant.token)).status).toBe(403);
  });

  it('names the file after the title and the languages, with the right type', async () => {
    // A bare + in a query is a space; both spellings of fr+nl work.
    expect((await get('format=md&lang=fr%2Bnl')).status).toBe(200);
    const docx = await get('format=docx&lang=fr+nl');
    expect(docx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(docx.headers.get('content-disposition')).toMatch(
      /filename="roundtable-table-ronde-logement-[\d-]+-fr-nl\.docx"$/,
    );
    const pdf = await get('format=pdf&lang=nl');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/-nl\.pdf"$/);
  });
});

describe('DOCX', () => {
  it('holds every section in order, French and Dutch side by side, with the texts', async () => {
    const xml = docxXml(await bytes('format=docx&lang=fr+nl'));
    const text = docxText(xml);
    // Columns pair block for block: each French heading is followed by its Dutch one.
    expectInOrder(text, [
      'Rapport — Table ronde logement',
      'Verslag — Table ronde logement',
      'Séance',
      'Sessie',
      'Fuseau horaire\u202f: Europe/Brussels',
      `Lieu\u202f: ${PLACE}`,
      'Tijdzone: Europe/Brussels',
      `Locatie: ${PLACE}`,
      'Présences',
      'Aanwezigheid',
      'Ordre du jour',
      'Agenda',
      'Recommandations',
      'Aanbevelingen',
      'Accès au logement',
      'Texte final',
      'Definitieve tekst',
      'Réserver 20 % des logements sociaux',
      'Décision\u202f: Adoptée',
      'Beslissing: Aangenomen',
      'Autres votes',
      'Procès-verbal',
      'Notulen',
      'La séance ouvre à 14 h. Quorum atteint.',
    ]);
    expect(text).not.toContain('non désigné');
    // Two-column layout: the pairs are rows of a two-cell table.
    expect(xml).toMatch(/<w:tr[ >](?:(?!<\/w:tr>).)*?<w:tc>(?:(?!<\/w:tr>).)*?<w:tc>/s);
    expect(xml).toContain('w:val="nl-BE"');
  });

  it('shows the scores per group, not only the number of ballots', async () => {
    const text = docxText(docxXml(await bytes('format=docx&lang=en')));
    expectInOrder(text, [
      'Result: Option Alpha 3 · Option Beta 3',
      'Results per type of organisation',
      'Option Alpha',
      'Option Beta',
      'Ballots',
    ]);
    // Civil society (Dirk) gave 2 and 5; "not specified" (Bram) 4 and 1.
    expect(text).toMatch(/Civil society organisation\s*2\s*5\s*1/);
    expect(text).toMatch(/Not specified\s*4\s*1\s*1/);
  });

  it('keeps hostile text as text: XML escaped, no bidi override, the long title whole', async () => {
    const xml = docxXml(await bytes('format=docx&lang=fr'));
    expect(xml).not.toContain(RLO);
    expect(xml).toContain('&lt;w:t&gt;&amp;amp;&lt;/w:body&gt; ]]&gt; **gras** | # ~~~');
    expect(xml).toContain('renversé &lt;script&gt;x&lt;/script&gt; &amp; fin');
    expect(xml.match(/<w:body>/g)).toHaveLength(1);
    expect(docxText(xml)).toContain(LONG_TITLE);
  });
});

describe('PDF', () => {
  it('holds every section in order in French and in Dutch, with the texts', async () => {
    const fr = await pdfText(await bytes('format=pdf&lang=fr'));
    expectInOrder(fr, [
      'Rapport — Table ronde logement',
      'Séance',
      'Type de réunion',
      'Fuseau horaire : Europe/Brussels',
      `Lieu : ${PLACE}`,
      'Présences',
      'Ordre du jour',
      'Recommandations',
      'Accès au logement',
      'Texte final',
      'Réserver 20 % des logements sociaux',
      'Décision : Adoptée',
      'Autres votes',
      "Résultats par type d'organisation",
      'Temps de parole',
      'Procès-verbal',
      'La séance ouvre à 14 h. Quorum atteint.',
    ]);
    // Broken over lines (a line's end reads as a space), but whole.
    expect(fr.replace(/ /g, '')).toContain(LONG_TITLE);
    expect(fr).not.toContain(RLO);
    expect(fr).toContain('<w:t>&amp;</w:body> ]]> **gras** | # ~~~');
    expect(fr).toContain('renversé <script>x</script> & fin');
    const nl = await pdfText(await bytes('format=pdf&lang=nl'));
    expectInOrder(nl, [
      'Verslag — Table ronde logement',
      'Sessie',
      `Locatie: ${PLACE}`,
      'Aanwezigheid',
      'Agenda',
      'Aanbevelingen',
      'Notulen',
    ]);
  });

  it('puts both languages of fr+nl on the same pages', async () => {
    const both = await pdfText(await bytes('format=pdf&lang=fr+nl'));
    expectInOrder(both, ['Rapport', 'Verslag', 'Séance', 'Sessie', 'Procès-verbal', 'Notulen']);
    expect(both).toContain('Réserver 20 % des logements sociaux');
  });
});

describe('Markdown and HTML from the same model', () => {
  it('gives times with their zone, capitalised values, speaking time in minutes and seconds', async () => {
    const md = await (await get('format=md&lang=en')).text();
    expect(md).toMatch(/Date: \d{1,2} \w+ \d{4} at \d{2}:\d{2} GMT\+\d/);
    expect(md).toContain('Time zone: Europe/Brussels');
    expect(md).toContain('Decision: Adopted');
    expect(md).toMatch(/\| Civil society organisation \| 0 min 0\d s \(100 %\) \|/);
    const html = await (await get('format=html&lang=fr+nl')).text();
    expect(html).toContain(
      '<div class="pair"><div lang="fr-BE"><h2>Séance</h2></div><div lang="nl-BE"><h2>Sessie</h2></div></div>',
    );
    expect(html).not.toContain('<w:t>');
  });
});

describe('public summary', () => {
  const summary = (key: string, extra = '') =>
    fetch(`${t.url}/api/public/sessions/${s.sessionId}/summary?key=${encodeURIComponent(key)}${extra}`);

  it('is read without a token while published, with no names, minutes or reasons', async () => {
    const fac = await connectedSocket(t.url, s.facilitator.token, opened);
    const par = await connectedSocket(t.url, s.participant.token, opened);
    const refused = await emitAck(par, 'summary:publish', { published: true });
    expect(refused.ok || refused.error.code).toBe('forbidden');
    expect((await summary('x'.repeat(24))).status).toBe(404);

    const published = await emitAck<{ state: MeetingState }>(fac, 'summary:publish', { published: true });
    if (!published.ok) throw new Error(published.error.message);
    const key = published.state.publicSummaryKey!;
    expect(key).toMatch(/^[A-Za-z0-9_-]{24}$/);
    // Publishing again keeps the key (the QR code on the wall stays valid).
    const again = await emitAck<{ state: MeetingState }>(fac, 'summary:publish', { published: true });
    expect(again.ok && again.state.publicSummaryKey).toBe(key);

    const res = await summary(key, '&lang=fr+nl');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('Synthèse publique — Table ronde logement');
    expect(html).toContain('Openbare samenvatting — Table ronde logement');
    expect(html).toContain('Réserver 20 % des logements sociaux');
    expect(html).toContain('Adoptée');
    for (const secret of ['Anne', 'Bram', 'Dirk', 'Chloé', 'Quorum atteint', 'Procès-verbal', 'Temps de parole']) {
      expect(html, secret).not.toContain(secret);
    }
    // A wrong key of the right length, a key too long, another session's id: the same 404.
    expect((await summary(`${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`)).status).toBe(404);
    expect((await summary('k'.repeat(65))).status).toBe(400);
    const other = await fetch(`${t.url}/api/public/sessions/nope/summary?key=${key}`);
    expect(other.status).toBe(404);

    // Withdrawn: the key stops working, and publishing again gives a new one.
    const withdrawn = await emitAck<{ state: MeetingState }>(fac, 'summary:publish', { published: false });
    expect(withdrawn.ok && withdrawn.state.publicSummaryKey).toBeNull();
    expect((await summary(key)).status).toBe(404);
    const renewed = await emitAck<{ state: MeetingState }>(fac, 'summary:publish', { published: true });
    expect(renewed.ok && renewed.state.publicSummaryKey).not.toBe(key);
  });
});
