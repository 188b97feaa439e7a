import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { amendment, session, type SuiteContext } from './fixtures.js';

/** AmendmentStore: amendments, their count per author, decisions. */
export function amendmentsCases(ctx: SuiteContext): void {
  it('stores amendments, counts the proposed ones per author, decides each once', async () => {
    const { storage } = ctx;
    const s = session();
    await storage.sessions.createSession(s);
    const recId = randomUUID();
    const a = amendment(s.id, recId, 'p1');
    const b = {
      ...amendment(s.id, recId, 'p1'),
      reason: 'Pourquoi\nsur deux lignes',
      createdAt: '2999-01-01T00:00:00.000Z',
    };
    const c = amendment(s.id, randomUUID(), 'p1');
    for (const x of [a, b, c]) await storage.amendments.createAmendment(x);
    // Spaces around a passage are kept: they are part of what it replaces.
    expect(await storage.amendments.getAmendment(s.id, a.id)).toEqual(a);
    expect(await storage.amendments.getAmendment('other-session', a.id)).toBeUndefined();
    expect((await storage.amendments.listAmendments(s.id, recId)).map((x) => x.id)).toEqual([a.id, b.id]);
    expect(await storage.amendments.listAmendments(s.id)).toHaveLength(3);
    expect(await storage.amendments.countProposed(recId, 'p1')).toBe(2);
    expect(await storage.amendments.countProposed(recId, 'p2')).toBe(0);
    const decision = {
      status: 'accepted' as const,
      decidedAt: '2026-01-02T00:00:00.000Z',
      decidedBy: 'vote' as const,
      voteId: 'v1',
    };
    expect(await storage.amendments.decideAmendment(a.id, decision)).toBe(true);
    expect(await storage.amendments.decideAmendment(a.id, { ...decision, status: 'rejected' })).toBe(false);
    expect(await storage.amendments.getAmendment(s.id, a.id)).toEqual({ ...a, ...decision });
    expect(await storage.amendments.countProposed(recId, 'p1')).toBe(1);
  });
}
