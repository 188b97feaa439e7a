import { join as pathJoin } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionResponse } from '@roundtable/protocol';
import { SQLITE_FILE } from '../src/createServer.js';
import { attendance, invite } from './helpers/people.js';
import { api, createSessionFixture, startTestServer, type TestServer } from './helpers/testServer.js';

/* Retention (api-v1 1.1 extension): names replaced after the session's retention, the report kept. */

describe('retention (SQLite)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({}, { retentionSweepMs: 200 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('replaces names by "Participant 1…n" after the retention, keeping the aggregated report', async () => {
    const s = await createSessionFixture(t.url);
    await invite(t, s);
    const patch = (body: unknown) =>
      api<SessionResponse>(t.url, 'PATCH', `/api/sessions/${s.sessionId}`, body, s.facilitator.token);
    expect((await patch({ retentionDays: 0 })).status).toBe(400);
    expect((await patch({ retentionDays: 1.5 })).status).toBe(400);
    expect((await patch({ retentionDays: 30 })).body.session).toMatchObject({ retentionDays: 30, anonymisedAt: null });
    const report = async () =>
      (
        await api<{ attendance: { total: number; byRole: object }; participants?: { name: string }[] }>(
          t.url,
          'GET',
          `/api/sessions/${s.sessionId}/report?format=json&participants=1`,
          undefined,
          s.facilitator.token,
        )
      ).body;
    const before = await report();
    // Not due yet: the sweeps leave the names.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await attendance(t, s)).body.people.map((p) => p.name)).toContain('Ana Peeters');

    // 31 days later (the creation time moved back in the file the server uses).
    const db = new Database(pathJoin(t.dataDir, SQLITE_FILE));
    db.prepare('UPDATE sessions SET created_at = ? WHERE id = ?').run(
      new Date(Date.now() - 31 * 24 * 60 * 60_000).toISOString(),
      s.sessionId,
    );
    db.close();
    await vi.waitFor(async () =>
      expect((await attendance(t, s)).body.people.map((p) => p.name)).toEqual([
        'Participant 1',
        'Participant 2',
        'Participant 3',
        'Participant 4',
        'Participant 5',
        'Participant 6',
      ]),
    );
    const rows = (await attendance(t, s)).body.people;
    expect(rows.every((p) => p.organisation === null && !p.invited)).toBe(true);
    expect(rows.find((p) => p.participantId === s.participant.participant.id)?.role).toBe('participant');
    const after = await report();
    expect(after.attendance).toEqual(before.attendance);
    expect(JSON.stringify(after)).not.toMatch(/Anne|Bram|Chloé|Ana Peeters|CPAS/);
    expect((await patch({})).body.session.anonymisedAt).not.toBeNull();
  });
});
