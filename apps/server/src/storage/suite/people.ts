import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { UniqueViolation, type InviteeRecord } from '../Storage.js';
import { namedBallot, session, type SuiteContext, vote as voteRecord } from './fixtures.js';

/** PeopleStore (and recommendations per session): participants, invitees and their code hashes, removal and merge. */
export function peopleCases(ctx: SuiteContext): void {
  it('stores participants and recommendations per session', async () => {
    const { storage } = ctx;
    const s = session();
    await storage.sessions.createSession(s);
    const p = {
      id: randomUUID(),
      sessionId: s.id,
      name: 'Fatima',
      organisation: 'CPAS',
      organisationType: 'local_authority' as const,
      role: 'participant' as const,
      createdAt: new Date().toISOString(),
    };
    await storage.people.addParticipant(p);
    expect(await storage.people.getParticipant(s.id, p.id)).toEqual(p);
    expect(await storage.people.getParticipant('other', p.id)).toBeUndefined();
    const r1 = {
      id: randomUUID(),
      sessionId: s.id,
      title: 'A',
      theme: 'housing' as const,
      status: 'draft' as const,
      titles: { nl: 'A' },
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    const r2 = { ...r1, id: randomUUID(), title: 'B', theme: null, createdAt: '2026-01-02T00:00:00.000Z' };
    await storage.recommendations.createRecommendation(r2);
    await storage.recommendations.createRecommendation(r1);
    expect((await storage.recommendations.listRecommendations(s.id)).map((r) => r.title)).toEqual(['A', 'B']);
    expect(await storage.recommendations.getRecommendation(s.id, r1.id)).toEqual({ ...r1, decisionReason: null });
    expect(await storage.recommendations.findRecommendation(r2.id)).toEqual({ ...r2, decisionReason: null });
    expect(await storage.recommendations.getRecommendation('other', r1.id)).toBeUndefined();
  });

  it('keeps invitees hashed, one row per person, and retires removed and merged rows', async () => {
    const { storage } = ctx;
    const s = session();
    await storage.sessions.createSession(s);
    const person = (name: string, over: Partial<InviteeRecord> = {}): InviteeRecord => ({
      id: randomUUID(),
      sessionId: s.id,
      name,
      organisation: null,
      organisationType: 'civil_society',
      role: 'participant',
      createdAt: '2026-01-01T09:00:00.000Z',
      codeHash: randomUUID(),
      ...over,
    });
    const ana = person('Ana');
    const ben = person('Ben', { createdAt: '2026-01-01T09:00:01.000Z' });
    await storage.people.addInvitees([ana, ben]);
    await expect(storage.people.addInvitees([person('Dup', { codeHash: ana.codeHash })])).rejects.toBeInstanceOf(
      UniqueViolation,
    );
    expect((await storage.people.findInvitee(ana.codeHash))?.id).toBe(ana.id);
    // Invited but not come: a person of the attendance, not of the report.
    expect(await storage.people.listParticipants(s.id)).toEqual([]);
    await storage.people.markSeen([{ sessionId: s.id, participantId: ana.id, at: '2026-01-01T10:00:00.000Z' }]);
    await storage.people.markSeen([{ sessionId: s.id, participantId: ana.id, at: '2026-01-01T11:00:00.000Z' }]);
    await storage.people.markSeen([{ sessionId: s.id, participantId: ben.id, at: '2026-01-01T09:30:00.000Z' }]);
    const people = await storage.people.listPeople(s.id);
    expect(people.map((p) => [p.name, p.invited, p.firstSeenAt, p.lastSeenAt])).toEqual([
      ['Ana', true, '2026-01-01T10:00:00.000Z', '2026-01-01T11:00:00.000Z'],
      ['Ben', true, '2026-01-01T09:30:00.000Z', '2026-01-01T09:30:00.000Z'],
    ]);

    const vote = voteRecord(s.id);
    await storage.votes.openVote(vote);
    const ballot = (id: string, choice: 'for' | 'against') => namedBallot(vote.id, id, choice);
    await storage.votes.castBallots([ballot(ana.id, 'for'), ballot(ben.id, 'against')]);
    // Ben is Ana on a second device: his row folds into hers, his (later) ballot is kept as hers.
    expect(
      await storage.people.retireParticipant(s.id, ben.id, {
        at: '2026-01-01T12:00:00.000Z',
        mergedInto: ana.id,
        ballots: [{ voteId: vote.id, withdraw: ben.id, replaceWith: ballot(ana.id, 'against') }],
      }),
    ).toBe(true);
    expect((await storage.votes.listBallots(vote.id)).map((b) => [b.voterKey, b.ballot])).toEqual([
      [ana.id, { choice: 'against' }],
    ]);
    expect(await storage.people.getActiveParticipant(s.id, ben.id)).toBeUndefined();
    expect(await storage.people.findInvitee(ben.codeHash)).toBeUndefined();
    expect((await storage.people.listPeople(s.id)).map((p) => [p.name, p.firstSeenAt, p.lastSeenAt])).toEqual([
      ['Ana', '2026-01-01T09:30:00.000Z', '2026-01-01T11:00:00.000Z'],
    ]);
    // Retiring twice does nothing; a closed vote keeps its ballots.
    expect(await storage.people.retireParticipant(s.id, ben.id, { at: 'x', mergedInto: null, ballots: [] })).toBe(
      false,
    );
    await storage.votes.closeVote(vote.id, '2026-01-01T12:30:00.000Z');
    await storage.people.retireParticipant(s.id, ana.id, {
      at: '2026-01-01T13:00:00.000Z',
      mergedInto: null,
      ballots: [{ voteId: vote.id, withdraw: ana.id }],
    });
    expect(await storage.votes.listBallots(vote.id)).toHaveLength(1);
    expect(await storage.people.listPeople(s.id)).toEqual([]);
  });
}
