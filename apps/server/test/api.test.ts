import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOIN_FAILURE_LIMIT, type ErrorBody, type SessionSnapshot } from '@roundtable/protocol';
import {
  api,
  createSessionFixture,
  startTestServer,
  type SessionFixture,
  type TestServer,
} from './helpers/testServer.js';

let t: TestServer;
let s: SessionFixture;

beforeAll(async () => {
  t = await startTestServer();
  s = await createSessionFixture(t.url);
});
afterAll(async () => {
  await t.close();
});

describe('REST api', () => {
  it('answers the health probes', async () => {
    expect(await api(t.url, 'GET', '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    expect((await api(t.url, 'GET', '/readyz')).status).toBe(200);
  });

  it('creates a session with a long secret facilitator code and short typed codes', () => {
    expect(s.created.session).toMatchObject({ title: 'Table ronde logement', kind: 'round_table', language: 'fr' });
    // 16 random bytes in base64url: at least 128 bits.
    expect(s.created.codes.facilitator.length).toBeGreaterThanOrEqual(22);
    expect(s.created.codes.participant).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(s.created.codes.observer).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
  });

  it('gives each code its role, and accepts a short code typed loosely', async () => {
    expect(s.facilitator.participant.role).toBe('facilitator');
    expect(s.participant.participant.role).toBe('participant');
    expect(s.observer.participant.role).toBe('observer');
    const code = s.created.codes.participant.toLowerCase();
    const loose = await api<{ participant: { role: string } }>(t.url, 'POST', '/api/join', {
      code: ` ${code.slice(0, 4)}-${code.slice(4)} `,
      name: 'Dirk',
    });
    expect(loose.status).toBe(200);
    expect(loose.body.participant.role).toBe('participant');
  });

  it('refuses invalid bodies with 400 and the zod issues, bad JSON with 400, big bodies with 413', async () => {
    const invalid = await api<ErrorBody>(t.url, 'POST', '/api/sessions', { title: '', kind: 'party' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('invalid_request');
    expect(invalid.body.error.issues?.length).toBeGreaterThan(0);
    const badJson = await api<ErrorBody>(t.url, 'POST', '/api/join', '{"code":');
    expect(badJson.status).toBe(400);
    const big = await api<ErrorBody>(t.url, 'POST', '/api/join', { code: 'x', name: 'y'.repeat(100_000) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
    const badPath = await fetch(`${t.url}/api/sessions/%E0%A4%A`);
    expect(badPath.status).toBe(400);
    const badGzip = await fetch(`${t.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: 'not gzip at all',
    });
    expect(badGzip.status).toBe(400);
    const unknown = await api<ErrorBody>(t.url, 'GET', '/api/nothing-here');
    expect(unknown.status).toBe(404);
  });

  it('limits failed joins per address with 429, without locking that address out of its own session', async () => {
    const own = await startTestServer();
    try {
      const fixture = await createSessionFixture(own.url);
      // A venue joining: many successes from one address are fine.
      for (let i = 0; i < JOIN_FAILURE_LIMIT * 2; i++) {
        const ok = await api(own.url, 'POST', '/api/join', { code: fixture.created.codes.observer, name: `p${i}` });
        expect(ok.status).toBe(200);
      }
      for (let i = 0; i < JOIN_FAILURE_LIMIT; i++) {
        const wrong = await api<ErrorBody>(own.url, 'POST', '/api/join', { code: `WRONG-${i}`, name: 'x' });
        expect(wrong.status).toBe(403);
        expect(wrong.body.error.code).toBe('forbidden');
      }
      const guess = await api<ErrorBody>(own.url, 'POST', '/api/join', { code: 'WRONG-NEXT', name: 'x' });
      expect(guess.status).toBe(429);
      expect(guess.body.error.code).toBe('rate_limited');
      // The session this address already joined stays open to it (abuse-limits.test.ts has the rest).
      const late = await api(own.url, 'POST', '/api/join', { code: fixture.created.codes.participant, name: 'late' });
      expect(late.status).toBe(200);
    } finally {
      await own.close();
    }
  });

  it('shows the codes in the snapshot to facilitators only', async () => {
    const path = `/api/sessions/${s.sessionId}`;
    const forFacilitator = await api<SessionSnapshot>(t.url, 'GET', path, undefined, s.facilitator.token);
    expect(forFacilitator.status).toBe(200);
    expect(forFacilitator.body.codes).toEqual({
      participant: s.created.codes.participant,
      observer: s.created.codes.observer,
    });
    expect(forFacilitator.body.recommendations.map((r) => r.id)).toContain(s.recommendationId);
    const forParticipant = await api<SessionSnapshot>(t.url, 'GET', path, undefined, s.participant.token);
    expect(forParticipant.body.codes).toBeUndefined();
    expect(forParticipant.body.me).toEqual(s.participant.participant);
  });

  it('lets only facilitators add recommendations', async () => {
    const path = `/api/sessions/${s.sessionId}/recommendations`;
    const body = { title: 'Formation des employeurs', theme: 'employment' };
    expect((await api(t.url, 'POST', path, body, s.participant.token)).status).toBe(403);
    expect((await api(t.url, 'POST', path, body, s.observer.token)).status).toBe(403);
    const created = await api<{ recommendation: { status: string; theme: string } }>(
      t.url,
      'POST',
      path,
      body,
      s.facilitator.token,
    );
    expect(created.status).toBe(201);
    expect(created.body.recommendation).toMatchObject({ status: 'draft', theme: 'employment' });
    expect((await api(t.url, 'POST', path, { title: 'x', theme: 'ethnicity' }, s.facilitator.token)).status).toBe(400);
  });

  it('returns 404 for an unknown recommendation', async () => {
    const res = await api<ErrorBody>(
      t.url,
      'GET',
      `/api/sessions/${s.sessionId}/recommendations/nope`,
      undefined,
      s.participant.token,
    );
    expect(res.status).toBe(404);
  });

  it('refuses missing, forged, expired and other-session tokens with 401', async () => {
    const other = await createSessionFixture(t.url);
    const expired = t.tokens.sign(
      { sessionId: s.sessionId, participantId: s.participant.participant.id, role: 'participant', name: 'x' },
      -1,
    );
    const forged = `${s.facilitator.token.split('.')[0]}.${'A'.repeat(43)}`;
    for (const token of [undefined, forged, expired, other.facilitator.token, 'garbage']) {
      for (const path of [
        `/api/sessions/${s.sessionId}`,
        `/api/sessions/${s.sessionId}/presence`,
        `/api/sessions/${s.sessionId}/recommendations/${s.recommendationId}`,
      ]) {
        const res = await api<ErrorBody>(t.url, 'GET', path, undefined, token);
        expect(res.status, `${path} with ${String(token).slice(0, 12)}`).toBe(401);
        expect(res.body.error.code).toBe('unauthorized');
      }
    }
  });
});
