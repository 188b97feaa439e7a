import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { session, version, type SuiteContext } from './fixtures.js';

/** HistoryStore: kept versions and who edited since. */
export function historyCases(ctx: SuiteContext): void {
  it('keeps versions with their texts and state, and the last edit of each person', async () => {
    const { storage } = ctx;
    const s = session();
    await storage.sessions.createSession(s);
    const recId = randomUUID();
    const v1 = version(s.id, recId, '2026-01-01T10:00:00.000Z', ['p1']);
    const v2 = {
      ...version(s.id, recId, '2026-01-01T11:00:00.000Z'),
      reason: 'amendment_accepted' as const,
      amendmentId: 'a1',
    };
    const state = Y.encodeStateAsUpdate(new Y.Doc());
    await storage.history.addVersion(v2, { texts: { fr: 'deux', nl: 'twee' }, state: null });
    await storage.history.addVersion(v1, { texts: { fr: 'un' }, state });
    expect(await storage.history.listVersions(recId)).toEqual([v1, v2]);
    expect(await storage.history.listVersions(randomUUID())).toEqual([]);
    const got = await storage.history.getVersion(recId, v1.id);
    expect(got?.version).toEqual(v1);
    expect(got?.content.texts).toEqual({ fr: 'un' });
    expect(got?.content.state && [...got.content.state]).toEqual([...state]);
    expect((await storage.history.getVersion(recId, v2.id))?.content).toEqual({
      texts: { fr: 'deux', nl: 'twee' },
      state: null,
    });
    expect(await storage.history.getVersion(randomUUID(), v1.id)).toBeUndefined();

    // Who edited is kept for drafts only: none for a document that is no (longer a) recommendation.
    await storage.history.recordEdits([{ docName: recId, participantId: 'p1', at: '2026-01-01T10:00:00.000Z' }]);
    expect(await storage.history.editsSince(recId, null)).toEqual([]);
    await storage.recommendations.createRecommendation({
      id: recId,
      sessionId: s.id,
      title: 'R',
      theme: null,
      status: 'draft',
      titles: {},
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    await storage.history.recordEdits([
      { docName: recId, participantId: 'p1', at: '2026-01-01T10:30:00.000Z' },
      { docName: recId, participantId: 'p2', at: '2026-01-01T09:00:00.000Z' },
    ]);
    // A later time wins; an earlier one (a slow write from another instance) is ignored.
    await storage.history.recordEdits([{ docName: recId, participantId: 'p2', at: '2026-01-01T11:30:00.000Z' }]);
    await storage.history.recordEdits([{ docName: recId, participantId: 'p1', at: '2026-01-01T08:00:00.000Z' }]);
    expect(await storage.history.editsSince(recId, null)).toEqual([
      { docName: recId, participantId: 'p1', at: '2026-01-01T10:30:00.000Z' },
      { docName: recId, participantId: 'p2', at: '2026-01-01T11:30:00.000Z' },
    ]);
    expect((await storage.history.editsSince(recId, v2.createdAt)).map((e) => e.participantId)).toEqual(['p2']);
  });

  it('counts the versions of a session, of one recommendation, of one reason', async () => {
    const { storage } = ctx;
    const s = session();
    const other = session();
    await storage.sessions.createSession(s);
    await storage.sessions.createSession(other);
    const [recA, recB] = [randomUUID(), randomUUID()];
    const content = { texts: { fr: 'x' }, state: null };
    await storage.history.addVersion(version(s.id, recA, '2026-01-01T10:00:00.000Z'), content);
    await storage.history.addVersion(version(s.id, recA, '2026-01-01T10:00:01.000Z'), content);
    await storage.history.addVersion(
      { ...version(s.id, recA, '2026-01-01T10:00:02.000Z'), reason: 'decided' },
      content,
    );
    await storage.history.addVersion(version(s.id, recB, '2026-01-01T10:00:03.000Z'), content);
    await storage.history.addVersion(version(other.id, randomUUID(), '2026-01-01T10:00:04.000Z'), content);
    expect(await storage.history.countVersions({ sessionId: s.id })).toBe(4);
    expect(await storage.history.countVersions({ sessionId: s.id, reason: 'saved' })).toBe(3);
    expect(await storage.history.countVersions({ sessionId: s.id, recommendationId: recA })).toBe(3);
    expect(await storage.history.countVersions({ sessionId: s.id, recommendationId: recA, reason: 'saved' })).toBe(2);
    expect(await storage.history.countVersions({ sessionId: other.id, recommendationId: recA })).toBe(0);
    expect(await storage.history.countVersions({ sessionId: randomUUID() })).toBe(0);
  });
}
