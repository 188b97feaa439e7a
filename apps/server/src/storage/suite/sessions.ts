import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { roleForCode } from '@roundtable/domain';
import { UniqueViolation } from '../Storage.js';
import { amendment, namedBallot, session, version, type SuiteContext, vote as voteRecord } from './fixtures.js';

/** SessionStore: sessions found by code, their place, shared codes, and deleting a session with everything of it. */
export function sessionsCases(ctx: SuiteContext): void {
  it('stores sessions and finds them by each code with the role it grants', async () => {
    const { storage } = ctx;
    const s = session();
    await storage.sessions.createSession(s);
    expect(await storage.sessions.getSession(s.id)).toEqual(s);
    // The store finds the session; the domain's roleForCode says what the code grants.
    const found = async (shortCode: string, hash: string) => {
      const f = await storage.sessions.findSessionByCode(shortCode, hash);
      return f && { session: f, role: roleForCode(f, shortCode, hash) };
    };
    expect(await found(s.participantCode, 'x')).toEqual({ session: s, role: 'participant' });
    expect(await found(s.observerCode, 'x')).toEqual({ session: s, role: 'observer' });
    expect(await found('', s.facilitatorCodeHash)).toEqual({ session: s, role: 'facilitator' });
    expect(await storage.sessions.findSessionByCode('NOPE', 'nope')).toBeUndefined();
    expect(await storage.sessions.getSession('missing')).toBeUndefined();
  });

  it('refuses a duplicate join code with UniqueViolation', async () => {
    const { storage } = ctx;
    const s = session();
    await storage.sessions.createSession(s);
    await expect(
      storage.sessions.createSession(session({ participantCode: s.participantCode })),
    ).rejects.toBeInstanceOf(UniqueViolation);
  });

  it("keeps a session's place, changes and removes it for that session only", async () => {
    const { storage } = ctx;
    const s = session();
    const other = session({ place: null });
    await storage.sessions.createSession(s);
    await storage.sessions.createSession(other);
    expect((await storage.sessions.getSession(s.id))?.place).toBe('Résidence Palace, Bruxelles');
    expect((await storage.sessions.getSession(s.id))?.timeZone).toBe('America/Argentina/Buenos_Aires');
    expect((await storage.sessions.getSession(other.id))?.place).toBeNull();
    await storage.sessions.setPlace(s.id, 'Vlaams Parlement, zaal De Schelde');
    expect((await storage.sessions.getSession(s.id))?.place).toBe('Vlaams Parlement, zaal De Schelde');
    expect((await storage.sessions.getSession(other.id))?.place).toBeNull();
    await storage.sessions.setPlace(s.id, null);
    expect((await storage.sessions.getSession(s.id))?.place).toBeNull();
  });

  it('closes the shared codes, rotates them, and deletes a session with everything of it', async () => {
    const { storage } = ctx;
    const s = session();
    const other = session();
    await storage.sessions.createSession(s);
    await storage.sessions.createSession(other);
    await storage.sessions.setOpenJoin(s.id, false);
    expect((await storage.sessions.getSession(s.id))?.openJoin).toBe(false);
    await storage.sessions.setShortCodes(s.id, 'ROTATED1', 'ROTATED2');
    expect(await storage.sessions.findSessionByCode(s.participantCode, 'x')).toBeUndefined();
    expect((await storage.sessions.findSessionByCode('ROTATED2', 'x'))?.id).toBe(s.id);
    await expect(storage.sessions.setShortCodes(other.id, 'ROTATED1', 'OTHER123')).rejects.toBeInstanceOf(
      UniqueViolation,
    );

    for (const sess of [s, other]) {
      const p = {
        id: randomUUID(),
        sessionId: sess.id,
        name: 'N',
        organisation: null,
        organisationType: null,
        role: 'participant' as const,
        createdAt: '2026-01-01T00:00:00.000Z',
      };
      await storage.people.addParticipant(p);
      const rec = {
        id: randomUUID(),
        sessionId: sess.id,
        title: 'R',
        theme: null,
        status: 'draft' as const,
        titles: {},
        createdAt: p.createdAt,
      };
      await storage.recommendations.createRecommendation(rec);
      await storage.docs.appendDocUpdates(rec.id, [new Uint8Array([7])]);
      const vote = voteRecord(sess.id, { recommendationId: rec.id, question: null, openedAt: p.createdAt });
      await storage.votes.openVote(vote);
      await storage.votes.castBallots([namedBallot(vote.id, p.id, 'for', p.createdAt)]);
      await storage.amendments.createAmendment(amendment(sess.id, rec.id, p.id));
      await storage.history.addVersion(version(sess.id, rec.id, '2026-01-01T00:00:01.000Z', [p.id]), {
        texts: { fr: 'T' },
        state: new Uint8Array([1, 2]),
      });
      await storage.history.recordEdits([{ docName: rec.id, participantId: p.id, at: p.createdAt }]);
      await storage.roomCounts.setRoomCounts(vote.id, { unspecified: { for: 4 } }, p.createdAt);
    }
    const [rec] = await storage.recommendations.listRecommendations(s.id);
    const [vote] = await storage.votes.listVotes(s.id);
    await storage.sessions.deleteSession(s.id, [rec!.id]);
    await storage.sessions.reclaimDeletedSession();
    expect(await storage.sessions.getSession(s.id)).toBeUndefined();
    expect(await storage.people.listPeople(s.id)).toEqual([]);
    expect(await storage.recommendations.listRecommendations(s.id)).toEqual([]);
    expect(await storage.votes.listVotes(s.id)).toEqual([]);
    expect(await storage.votes.listBallots(vote!.id)).toEqual([]);
    expect(await storage.roomCounts.getRoomCounts(vote!.id)).toBeUndefined();
    expect((await storage.docs.loadDoc(rec!.id)).updates).toEqual([]);
    expect(await storage.amendments.listAmendments(s.id)).toEqual([]);
    expect(await storage.history.listVersions(rec!.id)).toEqual([]);
    expect(await storage.history.editsSince(rec!.id, null)).toEqual([]);
    // The other session is untouched.
    const [otherRec] = await storage.recommendations.listRecommendations(other.id);
    expect(await storage.amendments.listAmendments(other.id)).toHaveLength(1);
    expect(await storage.history.listVersions(otherRec!.id)).toHaveLength(1);
    expect(await storage.history.editsSince(otherRec!.id, null)).toHaveLength(1);
    expect((await storage.docs.loadDoc(otherRec!.id)).updates).toHaveLength(1);
    expect(await storage.people.listPeople(other.id)).toHaveLength(1);
  });
}
