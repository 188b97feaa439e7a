import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { namedBallot, session, type SuiteContext, vote as voteRecord } from './fixtures.js';

/** VoteStore and RoomCountStore: votes, ballots, the close, and the hands counted in the room. */
export function votesCases(ctx: SuiteContext): void {
  it("stores votes, replaces a voter's ballot, refuses ballots after the close, closes once", async () => {
    const { storage } = ctx;
    const s = session();
    await storage.sessions.createSession(s);
    const rec = {
      id: randomUUID(),
      sessionId: s.id,
      title: 'R',
      theme: null,
      status: 'draft' as const,
      titles: { nl: 'Toegang', fr: 'Accès' },
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    await storage.recommendations.createRecommendation(rec);
    expect(await storage.recommendations.getRecommendation(s.id, rec.id)).toEqual({ ...rec, decisionReason: null });
    const vote = {
      id: randomUUID(),
      sessionId: s.id,
      method: 'approval' as const,
      status: 'open' as const,
      recommendationId: rec.id,
      question: null,
      options: [],
      anonymous: true,
      results: 'live' as const,
      quorum: 2,
      dotsBudget: null,
      splitByGroup: true,
      frozenTexts: [
        { recommendationId: rec.id, lang: 'nl' as const, text: 'Tekst', sha256: 'abc' },
        { recommendationId: rec.id, lang: 'fr' as const, text: 'Texte', sha256: 'def' },
      ],
      languagesOverridden: true,
      amendmentId: null,
      openedAt: '2026-01-01T10:00:00.000Z',
      closesAt: '2026-01-01T10:05:00.000Z',
      closedAt: null,
    };
    await storage.votes.openVote(vote);
    expect(await storage.votes.getVote(s.id, vote.id)).toEqual(vote);
    expect((await storage.recommendations.getRecommendation(s.id, rec.id))?.status).toBe('voting');
    expect((await storage.votes.listTimedOpenVotes()).map((v) => v.id)).toContain(vote.id);

    const ballot = (voterKey: string, choice: 'for' | 'against') => ({
      voteId: vote.id,
      voterKey,
      participantId: null,
      group: 'civil_society' as const,
      ballot: { choice },
      castAt: null,
    });
    expect(
      await storage.votes.castBallots([ballot('k1', 'for'), ballot('k2', 'for'), ballot('k1', 'against')]),
    ).toEqual([true, true, true]);
    const stored = await storage.votes.listBallots(vote.id);
    expect(stored.map((b) => [b.voterKey, b.ballot])).toEqual([
      ['k1', { choice: 'against' }],
      ['k2', { choice: 'for' }],
    ]);
    expect(await storage.votes.closeVote(vote.id, '2026-01-01T10:03:00.000Z')).toBe(true);
    expect(await storage.votes.closeVote(vote.id, '2026-01-01T10:04:00.000Z')).toBe(false);
    expect(await storage.votes.castBallots([ballot('k3', 'for')])).toEqual([false]);
    // Closed: the anonymous ballots' keyed hashes are replaced by random keys, their contents kept.
    const closed = await storage.votes.listBallots(vote.id);
    expect(closed).toHaveLength(2);
    expect(closed.map((b) => b.ballot).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
      { choice: 'against' },
      { choice: 'for' },
    ]);
    expect(closed.every((b) => /^[0-9a-f]{32}$/.test(b.voterKey) && b.group === 'civil_society')).toBe(true);
    expect(new Set(closed.map((b) => b.voterKey)).size).toBe(2);
    expect(await storage.votes.getVote(s.id, vote.id)).toMatchObject({
      status: 'closed',
      closedAt: '2026-01-01T10:03:00.000Z',
    });
    await storage.recommendations.setRecommendationStatus(rec.id, 'adopted');
    expect((await storage.recommendations.getRecommendation(s.id, rec.id))?.status).toBe('adopted');
    await storage.recommendations.decideRecommendation(rec.id, 'rejected', 'the mayor withdrew the budget');
    expect(await storage.recommendations.getRecommendation(s.id, rec.id)).toMatchObject({
      status: 'rejected',
      decisionReason: 'the mayor withdrew the budget',
    });
    await storage.recommendations.decideRecommendation(rec.id, 'adopted', null);
    expect((await storage.recommendations.getRecommendation(s.id, rec.id))?.decisionReason).toBeNull();
  });

  it('keeps the voter keys of a named vote at its close (they are the participant ids)', async () => {
    const { storage } = ctx;
    const s = session();
    await storage.sessions.createSession(s);
    const named = voteRecord(s.id);
    await storage.votes.openVote(named);
    const people = [randomUUID(), randomUUID()];
    await storage.votes.castBallots(people.map((id) => namedBallot(named.id, id, 'for')));
    expect(await storage.votes.closeVote(named.id, new Date().toISOString())).toBe(true);
    expect((await storage.votes.listBallots(named.id)).map((b) => [b.voterKey, b.participantId])).toEqual(
      [...people].sort().map((id) => [id, id]),
    );
  });

  it('stores the room counts of a vote, replaces them, and removes them when empty', async () => {
    const { storage } = ctx;
    const sess = session();
    await storage.sessions.createSession(sess);
    const vote = voteRecord(sess.id, {
      question: 'À main levée ?',
      splitByGroup: true,
      openedAt: new Date().toISOString(),
    });
    await storage.votes.openVote(vote);
    expect(await storage.roomCounts.getRoomCounts(vote.id)).toBeUndefined();
    await storage.roomCounts.setRoomCounts(vote.id, { administration: { for: 3 } }, vote.openedAt);
    await storage.roomCounts.setRoomCounts(vote.id, { civil_society: { against: 2, abstain: 1 } }, vote.openedAt);
    expect(await storage.roomCounts.getRoomCounts(vote.id)).toEqual({ civil_society: { against: 2, abstain: 1 } });
    await storage.roomCounts.setRoomCounts(vote.id, {}, vote.openedAt);
    expect(await storage.roomCounts.getRoomCounts(vote.id)).toBeUndefined();
  });
}
