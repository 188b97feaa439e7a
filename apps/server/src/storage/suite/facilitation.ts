import { expect, it } from 'vitest';
import { session, type SuiteContext } from './fixtures.js';

/** FacilitationStore: the facilitation state with optimistic revisions; erased notes documents. */
export function facilitationCases(ctx: SuiteContext): void {
  it('stores the facilitation state with optimistic revisions, and deletes documents for good', async () => {
    const { storage } = ctx;
    const s = session();
    await storage.sessions.createSession(s);
    expect(await storage.facilitation.getFacilitationState(s.id)).toBeUndefined();
    const base = {
      sessionId: s.id,
      revision: 1,
      agenda: [],
      currentItemId: null,
      heldItemIds: [],
      timer: null,
      queue: [],
      speaker: null,
      tour: null,
      caseBringerId: null,
      minuteTakerId: null,
      publicSummaryKey: null,
      intervisionErasedAt: null,
      speakingTime: { totalMs: 0, turns: 0, byGroup: {}, byLanguage: {}, bySpeaker: [] },
    };
    expect(await storage.facilitation.saveFacilitationState(base, 0)).toBe(true);
    expect(await storage.facilitation.saveFacilitationState(base, 0)).toBe(false);
    expect(await storage.facilitation.saveFacilitationState({ ...base, revision: 2, caseBringerId: 'p1' }, 1)).toBe(
      true,
    );
    // A writer that read revision 1 lost the race.
    expect(await storage.facilitation.saveFacilitationState({ ...base, revision: 2 }, 1)).toBe(false);
    expect(await storage.facilitation.getFacilitationState(s.id)).toMatchObject({ revision: 2, caseBringerId: 'p1' });

    await storage.docs.appendDocUpdates('ivn-analysis-x', [new Uint8Array([1, 2])]);
    await storage.docs.appendDocUpdates('keep-me', [new Uint8Array([3])]);
    await storage.docs.deleteDocs(['ivn-analysis-x']);
    // SQLite truncates its WAL, PostgreSQL vacuums (outside a transaction, from the pool).
    await storage.docs.reclaimDeletedDocs();
    expect((await storage.docs.loadDoc('ivn-analysis-x')).updates).toHaveLength(0);
    expect((await storage.docs.loadDoc('keep-me')).updates).toHaveLength(1);
  });
}
