import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import type {
  FrozenTextsResponse,
  JoinResponse,
  SessionSnapshot,
  Tally,
  VoteDto,
  VoteUpdated,
} from '@roundtable/protocol';
import { SQLITE_FILE } from '../src/createServer.js';
import type { VoteRecord } from '../src/storage/Storage.js';
import { voterKey } from '../src/votes/ballotChanges.js';
import { api, emitAck, appendParagraph, connectDoc, createSessionFixture } from './helpers/testServer.js';
import { type Sock, sessionWithVoters } from './helpers/voteSession.js';

const { t, s, socketFor, openVote } = sessionWithVoters();

const emit = emitAck;

async function newRecommendation(title: string): Promise<string> {
  const res = await api<{ recommendation: { id: string } }>(
    t.url,
    'POST',
    `/api/sessions/${s.sessionId}/recommendations`,
    { title },
    s.facilitator.token,
  );
  return res.body.recommendation.id;
}

const frozenTexts = (voteId: string, token: string) =>
  api<FrozenTextsResponse>(t.url, 'GET', `/api/sessions/${s.sessionId}/votes/${voteId}/texts`, undefined, token);
const getVote = (voteId: string, token: string) =>
  api<VoteUpdated>(t.url, 'GET', `/api/sessions/${s.sessionId}/votes/${voteId}`, undefined, token);

const draftText = async (recId: string) =>
  (
    await api<{ text: string }>(
      t.url,
      'GET',
      `/api/sessions/${s.sessionId}/recommendations/${recId}`,
      undefined,
      s.facilitator.token,
    )
  ).body.text;

describe('votes', () => {
  it('freezes the draft text with its hash, refuses edits during the vote, and resumes on to_amend', async () => {
    const recId = await newRecommendation('Logement social accessible');
    const editor = connectDoc(t.wsUrl, recId, s.participant.token);
    await vi.waitFor(() => expect(editor.provider.synced).toBe(true));
    appendParagraph(editor.body, 'Version soumise au vote.');
    await vi.waitFor(async () => expect(await draftText(recId)).toBe('Version soumise au vote.'));

    const vote = await openVote({ method: 'approval', recommendationId: recId });
    const sha256 = createHash('sha256').update('Version soumise au vote.').digest('hex');
    // The vote carries the hash only (issue #11); the text has its own endpoint.
    expect(vote.frozenTexts).toEqual([{ recommendationId: recId, lang: 'fr', sha256 }]);
    expect((await frozenTexts(vote.id, s.observer.token)).body).toEqual({
      texts: [{ recommendationId: recId, lang: 'fr', text: 'Version soumise au vote.', sha256 }],
    });

    // An edit during the vote reaches nobody and changes nothing stored.
    const watcher = connectDoc(t.wsUrl, recId, s.facilitator.token);
    await vi.waitFor(() => expect(watcher.provider.synced).toBe(true));
    appendParagraph(editor.body, 'Ajout pendant le vote');
    const fresh = connectDoc(t.wsUrl, recId, s.observer.token);
    await vi.waitFor(() => expect(fresh.provider.synced).toBe(true));
    expect(fresh.body.toString()).not.toContain('Ajout pendant le vote');
    expect(watcher.body.toString()).not.toContain('Ajout pendant le vote');
    expect(await draftText(recId)).toBe('Version soumise au vote.');

    const participant = await socketFor(s.participant.token);
    expect(await emit(participant, 'vote:cast', { voteId: vote.id, ballot: { choice: 'for' } })).toEqual({ ok: true });
    const facilitator = await socketFor(s.facilitator.token);
    // Deciding before closing is refused.
    expect(
      await emit(facilitator, 'recommendation:decide', { recommendationId: recId, outcome: 'to_amend' }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const closed = await emit<{ tally: Tally }>(facilitator, 'vote:close', { voteId: vote.id });
    expect(closed).toMatchObject({
      ok: true,
      tally: { method: 'approval', for: 1, against: 0, abstain: 0, ballots: 1 },
    });

    const decided = await emit(facilitator, 'recommendation:decide', { recommendationId: recId, outcome: 'to_amend' });
    expect(decided).toMatchObject({ ok: true, recommendation: { status: 'to_amend' } });
    appendParagraph(watcher.body, 'Amendement après le vote');
    await vi.waitFor(async () => expect(await draftText(recId)).toContain('Amendement après le vote'));
    // The editor whose edit was refused during the vote is asked for it once the draft thaws:
    // nothing it typed is lost, and its later edits do not wait behind the refused one.
    appendParagraph(editor.body, "Suite de l'autrice");
    await vi.waitFor(async () => expect(await draftText(recId)).toContain("Suite de l'autrice"));
    expect(await draftText(recId)).toContain('Ajout pendant le vote');
    // The record still holds the text voted on.
    expect((await frozenTexts(vote.id, s.facilitator.token)).body.texts[0]!.text).toBe('Version soumise au vote.');
    for (const c of [editor, watcher, fresh]) c.provider.destroy();
  });

  it('counts 300 participants casting at once exactly, from stored ballots', async () => {
    const own = await createSessionFixture(t.url);
    const joins = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        api<JoinResponse>(t.url, 'POST', '/api/join', { code: own.created.codes.participant, name: `P${i}` }),
      ),
    );
    const voters = await Promise.all(joins.map((j) => socketFor(j.body.token)));
    const fac = await socketFor(own.facilitator.token);
    const opened = await emit<{ vote: VoteDto }>(fac, 'vote:open', {
      method: 'approval',
      question: 'Adopter le plan ?',
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const choices = ['for', 'against', 'abstain'] as const;
    const acks = await Promise.all(
      voters.map((v, i) => emit(v, 'vote:cast', { voteId: opened.vote.id, ballot: { choice: choices[i % 3] } })),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    const view = await api<VoteUpdated>(
      t.url,
      'GET',
      `/api/sessions/${own.sessionId}/votes/${opened.vote.id}`,
      undefined,
      own.facilitator.token,
    );
    expect(view.body.tally).toMatchObject({ for: 100, against: 100, abstain: 100, ballots: 300 });
    expect(view.body.turnout).toBe(300);

    // Re-casting replaces: 10 "for" voters change their mind.
    const recast = await Promise.all(
      voters
        .filter((_, i) => i % 3 === 0)
        .slice(0, 10)
        .map((v) => emit(v, 'vote:cast', { voteId: opened.vote.id, ballot: { choice: 'against' } })),
    );
    expect(recast.every((a) => a.ok)).toBe(true);
    const after = await api<VoteUpdated>(
      t.url,
      'GET',
      `/api/sessions/${own.sessionId}/votes/${opened.vote.id}`,
      undefined,
      own.facilitator.token,
    );
    expect(after.body.tally).toMatchObject({ for: 90, against: 110, abstain: 100, ballots: 300 });
    for (const v of voters) v.close();
  });

  it('refuses with a clear code: observers, non-facilitators opening, closed votes, bad ballots', async () => {
    const fac = await socketFor(s.facilitator.token);
    const participant = await socketFor(s.participant.token);
    const observer = await socketFor(s.observer.token);

    expect(await emit(participant, 'vote:open', { method: 'approval', question: 'Q ?' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await emit(fac, 'vote:open', { method: 'approval' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(await emit(fac, 'vote:open', 'nonsense')).toMatchObject({ ok: false, error: { code: 'invalid_request' } });

    const dots = await openVote({ method: 'dots', options: ['Emploi', 'Logement', 'Santé'], dotsBudget: 3 });
    const [o1, o2] = dots.options;
    const cast = (sk: Sock, ballot: unknown) => emit(sk, 'vote:cast', { voteId: dots.id, ballot });
    expect(await cast(observer, { dots: { [o1!.id]: 1 } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await cast(participant, { dots: { nope: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_ballot' },
    });
    expect(await cast(participant, { dots: { [o1!.id]: 2, [o2!.id]: 2 } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_ballot' },
    });
    expect(await cast(participant, { choice: 'for' })).toMatchObject({ ok: false, error: { code: 'invalid_ballot' } });
    expect(await emit(participant, 'vote:cast', { ballot: {} })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(await emit(participant, 'vote:cast', { voteId: 'missing', ballot: {} })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await cast(participant, { dots: { [o1!.id]: 2, [o2!.id]: 1 } })).toEqual({ ok: true });
    expect(await emit(fac, 'vote:close', { voteId: dots.id })).toMatchObject({
      ok: true,
      tally: { method: 'dots', ballots: 1 },
    });
    expect(await cast(participant, { dots: { [o1!.id]: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'vote_closed' },
    });

    const consent = await openVote({ method: 'consent', question: 'Consentement ?' });
    expect(await emit(participant, 'vote:cast', { voteId: consent.id, ballot: { choice: 'block' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_ballot' },
    });
    expect(
      await emit(participant, 'vote:cast', { voteId: consent.id, ballot: { choice: 'block', reason: 'Trop vague' } }),
    ).toEqual({ ok: true });
    const closed = await emit<{ tally: Tally }>(fac, 'vote:close', { voteId: consent.id });
    expect(closed).toMatchObject({
      ok: true,
      tally: { outcome: 'blocked', reasons: [{ choice: 'block', reason: 'Trop vague' }] },
    });
    // Reasons are for facilitators only.
    const forParticipant = await getVote(consent.id, s.participant.token);
    expect(forParticipant.body.tally).toMatchObject({ outcome: 'blocked' });
    expect(forParticipant.body.tally).not.toHaveProperty('reasons');
  });

  it('hides on_close results from participants until the close, and tells everyone live', async () => {
    const observer = await socketFor(s.observer.token);
    const updates: VoteUpdated[] = [];
    observer.on('vote:updated', (u) => updates.push(u));
    const vote = await openVote({ method: 'approval', question: 'Résultats à la clôture ?', results: 'on_close' });
    await vi.waitFor(() => expect(updates.some((u) => u.vote.id === vote.id)).toBe(true));
    const participant = await socketFor(s.participant.token);
    expect(await emit(participant, 'vote:cast', { voteId: vote.id, ballot: { choice: 'for' } })).toEqual({ ok: true });
    await vi.waitFor(() => expect(updates.filter((u) => u.vote.id === vote.id).at(-1)?.turnout).toBe(1));
    expect(updates.filter((u) => u.vote.id === vote.id).every((u) => u.tally === undefined)).toBe(true);
    expect((await getVote(vote.id, s.participant.token)).body.tally).toBeUndefined();
    expect((await getVote(vote.id, s.facilitator.token)).body.tally).toMatchObject({ for: 1 });

    await emit(await socketFor(s.facilitator.token), 'vote:close', { voteId: vote.id });
    await vi.waitFor(() =>
      expect(updates.filter((u) => u.vote.id === vote.id).at(-1)).toMatchObject({
        vote: { status: 'closed' },
        tally: { for: 1 },
      }),
    );
    const snapshot = await api<SessionSnapshot>(
      t.url,
      'GET',
      `/api/sessions/${s.sessionId}`,
      undefined,
      s.observer.token,
    );
    expect(snapshot.body.votes.find((v) => v.vote.id === vote.id)?.tally).toMatchObject({ for: 1 });
  });

  it('stores anonymous ballots with no participant id anywhere', async () => {
    const vote = await openVote({ method: 'approval', question: 'Vote secret ?', anonymous: true, splitByGroup: true });
    const participant = await socketFor(s.participant.token);
    expect(await emit(participant, 'vote:cast', { voteId: vote.id, ballot: { choice: 'against' } })).toEqual({
      ok: true,
    });
    const db = new Database(join(t.dataDir, SQLITE_FILE), { readonly: true });
    try {
      const rows = db.prepare('SELECT * FROM ballots WHERE vote_id = ?').all(vote.id) as Record<string, unknown>[];
      expect(rows).toHaveLength(1);
      const flat = JSON.stringify(rows);
      expect(flat).not.toContain(s.participant.participant.id);
      expect(rows[0]).toMatchObject({ participant_id: null, cast_at: null });
    } finally {
      db.close();
    }
    const view = await getVote(vote.id, s.facilitator.token);
    expect(JSON.stringify(view.body)).not.toContain(s.participant.participant.id);
    expect(view.body.tally).toMatchObject({ against: 1 });
    // One voter is too small a group to show in an anonymous vote.
    expect(view.body.tally?.byGroup).toEqual({});
  });

  it("once an anonymous vote is closed, even the server's secret no longer ties a ballot to its voter", async () => {
    const vote = await openVote({ method: 'approval', question: 'Vote secret, clos ?', anonymous: true });
    const participant = await socketFor(s.participant.token);
    expect(await emit(participant, 'vote:cast', { voteId: vote.id, ballot: { choice: 'for' } })).toEqual({ ok: true });
    const stored = async () => (await t.server.storage.votes.listBallots(vote.id)).map((b) => b.voterKey);
    // While open, the key is the keyed hash that replaces a recast (what an operator could recompute).
    const hashed = voterKey(t.secret, { id: vote.id, anonymous: true } as VoteRecord, s.participant.participant.id);
    expect(await stored()).toEqual([hashed]);

    const facilitator = await socketFor(s.facilitator.token);
    const closed = await emit<{ tally: Tally }>(facilitator, 'vote:close', { voteId: vote.id });
    expect(closed).toMatchObject({ ok: true, tally: { for: 1, ballots: 1 } });
    const after = await stored();
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(hashed);
    expect((await getVote(vote.id, s.facilitator.token)).body.tally).toMatchObject({ for: 1, ballots: 1 });
  });
});
