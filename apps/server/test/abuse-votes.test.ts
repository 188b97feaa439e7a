import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { RecommendationDto, RecommendationResponse, SessionSnapshot, Tally, VoteDto } from '@roundtable/protocol';
import { api, appendParagraph, connectDoc, emitAck } from './helpers/testServer.js';
import { type Sock, sessionWithVoters } from './helpers/voteSession.js';

/*
 * The vote rules of api-v1 1.1 (#11, "Weak today"), replayed with real clients:
 * - vote:open with both recommendationId and question was refused;
 * - a closed vote left its recommendation "voting" for good: no re-vote without a decision;
 * - a decision against the vote's outcome needed no reason, and the record did not say why;
 * - "carried" / "consent reached" were shown at 0 ballots and when the quorum failed;
 * - an empty draft could be put to a vote (the record then froze "").
 */

const { t, s, socketFor, joinAs, openVote } = sessionWithVoters();
let facilitator: Sock;
let voters: Sock[];

beforeAll(async () => {
  facilitator = await socketFor(s.facilitator.token);
  const joined = await Promise.all(['Dana', 'Emre', 'Fien'].map((name) => joinAs(name)));
  voters = await Promise.all(joined.map((j) => socketFor(j.token)));
});

/** A recommendation whose draft holds `text` (typed through the stock y-websocket client). */
async function recommendationWithText(title: string, text: string): Promise<string> {
  const created = await api<RecommendationResponse>(
    t.url,
    'POST',
    `/api/sessions/${s.sessionId}/recommendations`,
    { title },
    s.facilitator.token,
  );
  const id = created.body.recommendation.id;
  if (text !== '') {
    const editor = connectDoc(t.wsUrl, id, s.participant.token);
    await vi.waitFor(() => expect(editor.provider.synced).toBe(true));
    appendParagraph(editor.body, text);
    await vi.waitFor(async () => expect(await draftText(id)).toBe(text));
    editor.provider.destroy();
  }
  return id;
}

const draftText = async (id: string) =>
  (
    await api<{ text: string }>(
      t.url,
      'GET',
      `/api/sessions/${s.sessionId}/recommendations/${id}`,
      undefined,
      s.facilitator.token,
    )
  ).body.text;

const snapshot = async (token = s.facilitator.token) =>
  (await api<SessionSnapshot>(t.url, 'GET', `/api/sessions/${s.sessionId}`, undefined, token)).body;

const open = (payload: Record<string, unknown>): Promise<VoteDto> => openVote(payload, facilitator);

async function castAll(voteId: string, ballots: unknown[]): Promise<void> {
  for (const [i, ballot] of ballots.entries()) {
    expect(await emitAck(voters[i]!, 'vote:cast', { voteId, ballot })).toEqual({ ok: true });
  }
}

async function close(voteId: string): Promise<Tally> {
  const res = await emitAck<{ tally: Tally }>(facilitator, 'vote:close', { voteId });
  if (!res.ok) throw new Error(`vote:close refused: ${res.error.code}`);
  return res.tally;
}

const decide = (recommendationId: string, outcome: string, reason?: string) =>
  emitAck<{ recommendation: RecommendationDto }>(facilitator, 'recommendation:decide', {
    recommendationId,
    outcome,
    ...(reason !== undefined ? { reason } : {}),
  });

const report = (format: 'md' | 'html' | 'json') =>
  fetch(`${t.url}/api/sessions/${s.sessionId}/report?format=${format}`, {
    headers: { authorization: `Bearer ${s.facilitator.token}` },
  }).then((r) => r.text());

/** The texts a vote froze, from their own endpoint (votes carry only their hashes). */
const frozenTexts = async (voteId: string): Promise<string[]> => {
  const res = await fetch(`${t.url}/api/sessions/${s.sessionId}/votes/${voteId}/texts`, {
    headers: { authorization: `Bearer ${s.facilitator.token}` },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { texts: { text: string }[] };
  return body.texts.map((f) => f.text);
};

describe('vote:open with a recommendation and a question (api-v1 1.1)', () => {
  it('accepts both: the vote is about the recommendation, worded as the facilitator asked', async () => {
    const id = await recommendationWithText('Logements passifs', 'Toute rénovation publique vise le standard passif.');
    const vote = await open({ method: 'approval', recommendationId: id, question: 'Faut-il viser le passif ?' });
    expect(vote).toMatchObject({ recommendationId: id, question: 'Faut-il viser le passif ?' });
    expect(await frozenTexts(vote.id)).toEqual(['Toute rénovation publique vise le standard passif.']);
    await close(vote.id);
  });

  it('words the question itself, in the session language, when only the recommendation is given', async () => {
    const id = await recommendationWithText('Pistes cyclables', 'Une piste séparée sur chaque axe régional.');
    const vote = await open({ method: 'consent', recommendationId: id });
    expect(vote.question).toBe('Adoptez-vous la recommandation « Pistes cyclables » ?');
    await close(vote.id);
  });
});

describe('re-votes: a closed vote never strands its recommendation', () => {
  it('opens a re-vote after a close without a decision, and again after a decision, never two at once', async () => {
    const id = await recommendationWithText('Cantines bio', 'Les cantines scolaires servent 50 % de bio.');
    const first = await open({ method: 'approval', recommendationId: id });
    // While a vote about it is open, a second one is refused, even sent twice at once.
    const racing = await Promise.all([
      emitAck(facilitator, 'vote:open', { method: 'approval', recommendationId: id }),
      emitAck(facilitator, 'vote:open', { method: 'consent', recommendationId: id }),
    ]);
    expect(racing.map((r) => r.ok)).toEqual([false, false]);
    expect(racing[0]).toMatchObject({ error: { code: 'conflict' } });
    await castAll(first.id, [{ choice: 'for' }, { choice: 'against' }, { choice: 'against' }]);
    await close(first.id);
    expect((await snapshot()).recommendations.find((r) => r.id === id)?.status).toBe('voting');

    // Before 1.1 this was refused ("is voting: it cannot be put to a vote now").
    const twice = await Promise.all([
      emitAck<{ vote: VoteDto }>(facilitator, 'vote:open', { method: 'approval', recommendationId: id }),
      emitAck<{ vote: VoteDto }>(facilitator, 'vote:open', { method: 'approval', recommendationId: id }),
    ]);
    expect(twice.filter((r) => r.ok)).toHaveLength(1);
    const second = twice.find((r) => r.ok) as { ok: true; vote: VoteDto };
    await castAll(second.vote.id, [{ choice: 'for' }, { choice: 'for' }]);
    expect(await close(second.vote.id)).toMatchObject({ carried: true, ballots: 2 });

    expect(await decide(id, 'adopted')).toMatchObject({ ok: true, recommendation: { status: 'adopted' } });
    const third = await open({ method: 'approval', recommendationId: id });
    expect((await snapshot()).recommendations.find((r) => r.id === id)?.status).toBe('voting');
    await close(third.id);
    const votesAbout = (await snapshot()).votes.filter((v) => v.vote.recommendationId === id);
    expect(votesAbout.map((v) => v.vote.status)).toEqual(['closed', 'closed', 'closed']);
  });
});

describe('a decision against the outcome needs a reason, stored and printed', () => {
  const reason = 'La commune a entre-temps\ntrouvé le budget.';
  let recId: string;

  beforeAll(async () => {
    recId = await recommendationWithText('Maison de quartier', 'Ouvrir une maison de quartier à Cureghem.');
    const vote = await open({ method: 'approval', recommendationId: recId });
    await castAll(vote.id, [{ choice: 'against' }, { choice: 'against' }, { choice: 'for' }]);
    expect(await close(vote.id)).toMatchObject({ carried: false });
  });

  it('refuses to adopt what the vote did not carry without a reason, or with a blank or oversized one', async () => {
    expect(await decide(recId, 'adopted')).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await decide(recId, 'adopted', ' \r\n ')).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await decide(recId, 'adopted', 'x'.repeat(501))).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(await decide(recId, 'adopted', 'bidi \u202e trick')).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect((await snapshot()).recommendations.find((r) => r.id === recId)?.status).toBe('voting');
  });

  it('accepts a decision that follows the vote without one, and the contrary one with its reason', async () => {
    expect(await decide(recId, 'rejected')).toMatchObject({ ok: true, recommendation: { status: 'rejected' } });
    const adopted = await decide(recId, 'adopted', `${reason.replace('\n', '\r\n')}  `);
    expect(adopted).toMatchObject({ ok: true, recommendation: { status: 'adopted', decisionReason: reason } });
    // Stored: a fresh snapshot (from storage) carries it, for participants too.
    const forParticipant = await snapshot(s.participant.token);
    expect(forParticipant.recommendations.find((r) => r.id === recId)).toMatchObject({ decisionReason: reason });
  });

  it('prints the reason in the Markdown, HTML and JSON report', async () => {
    const md = await report('md');
    expect(md).toContain('Raison de la décision contraire au vote');
    expect(md).toContain('> La commune a entre-temps');
    expect(md).toContain('trouvé le budget.');
    const html = await report('html');
    expect(html).toContain('Raison de la décision contraire au vote');
    expect(html).toContain('La commune a entre-temps');
    const json = JSON.parse(await report('json')) as {
      recommendationsByTheme: { recommendations: { recommendation: RecommendationDto }[] }[];
    };
    const printed = json.recommendationsByTheme
      .flatMap((g) => g.recommendations)
      .find((r) => r.recommendation.id === recId);
    expect(printed?.recommendation.decisionReason).toBe(reason);
  });
});

describe('no outcome at 0 ballots or when the quorum failed', () => {
  it('shows no "carried" in the ack, the snapshot or the report when nobody voted', async () => {
    const vote = await open({ method: 'approval', question: 'Prolonger la séance ?' });
    const tally = await close(vote.id);
    expect(tally).toMatchObject({ ballots: 0, noOutcome: 'no_ballots' });
    expect(tally).not.toHaveProperty('carried');
    for (const token of [s.facilitator.token, s.observer.token]) {
      const seen = (await snapshot(token)).votes.find((v) => v.vote.id === vote.id)?.tally;
      expect(seen).toMatchObject({ noOutcome: 'no_ballots' });
      expect(seen).not.toHaveProperty('carried');
    }
    const md = await report('md');
    const section = md.slice(md.indexOf('Prolonger la séance'));
    const resultLine = section.split('\n').find((l) => l.includes('Résultat'))!;
    expect(resultLine).toContain("pas de résultat : personne n'a voté");
    expect(resultLine).not.toMatch(/majorité pour/);
  });

  it('shows no consent outcome when the quorum failed, at the top or in a group row', async () => {
    const id = await recommendationWithText('Budget participatif', 'Un budget participatif de 1 % par commune.');
    const vote = await open({ method: 'consent', recommendationId: id, quorum: 3, splitByGroup: true });
    await castAll(vote.id, [{ choice: 'agree' }, { choice: 'agree' }]);
    const tally = await close(vote.id);
    expect(tally).toMatchObject({ agree: 2, ballots: 2, noOutcome: 'quorum_not_met' });
    expect(tally).not.toHaveProperty('outcome');
    for (const row of Object.values(tally.byGroup ?? {})) expect(row).not.toHaveProperty('outcome');
    // With no outcome there is nothing to contradict: any decision goes through without a reason.
    expect(await decide(id, 'rejected')).toMatchObject({ ok: true });
    const md = await report('md');
    const section = md.slice(md.indexOf('Budget participatif'));
    const resultLine = section.split('\n').find((l) => l.includes('Résultat'))!;
    expect(resultLine).toContain('pas de résultat : quorum non atteint');
    expect(resultLine).not.toContain('consentement');
  });
});

describe('an empty draft cannot be put to a vote', () => {
  it('refuses a draft with no text, or only blank lines, and leaves it editable', async () => {
    const empty = await recommendationWithText('Sans texte', '');
    const refused = await emitAck(facilitator, 'vote:open', { method: 'approval', recommendationId: empty });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const blank = await recommendationWithText('Blanc', '   ');
    expect(
      await emitAck(facilitator, 'vote:open', { method: 'score', recommendationIds: [blank, empty] }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const after = await snapshot();
    for (const id of [empty, blank]) expect(after.recommendations.find((r) => r.id === id)?.status).toBe('draft');
    expect(after.votes.some((v) => v.vote.recommendationId === empty)).toBe(false);
    // Still editable: the refused vote did not leave the draft frozen.
    const editor = connectDoc(t.wsUrl, empty, s.participant.token);
    await vi.waitFor(() => expect(editor.provider.synced).toBe(true));
    appendParagraph(editor.body, 'Enfin un texte.');
    await vi.waitFor(async () => expect(await draftText(empty)).toBe('Enfin un texte.'));
    editor.provider.destroy();
    const vote = await open({ method: 'approval', recommendationId: empty });
    expect(await frozenTexts(vote.id)).toEqual(['Enfin un texte.']);
    await close(vote.id);
  });
});
