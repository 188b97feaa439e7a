import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateSessionResponse, JoinResponse, SessionResponse } from '@roundtable/protocol';
import { api, startTestServer, type TestServer } from './helpers/testServer.js';

/*
 * #16 extension: a session's place, given at creation or by the facilitator later, under the
 * one-line text rule, and printed in the report's session facts.
 */

let t: TestServer;
const create = (body: Record<string, unknown>) =>
  api<CreateSessionResponse & { error?: { code: string } }>(t.url, 'POST', '/api/sessions', {
    title: 'Dialogue participatif Molenbeek',
    kind: 'participatory_dialogue',
    ...body,
  });
const join = async (code: string, name: string) =>
  (await api<JoinResponse>(t.url, 'POST', '/api/join', { code, name })).body;
const patch = (sessionId: string, token: string, body: unknown) =>
  api<SessionResponse & { error?: { code: string } }>(t.url, 'PATCH', `/api/sessions/${sessionId}`, body, token);
const report = async (sessionId: string, token: string, query: string) => {
  const res = await fetch(`${t.url}/api/sessions/${sessionId}/report?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return res.text();
};

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

describe('place', () => {
  it('is kept from creation, trimmed, and printed in the report in each language', async () => {
    const created = await create({ place: '  Maison communale de Molenbeek, salle 2  ' });
    expect(created.status).toBe(201);
    expect(created.body.session.place).toBe('Maison communale de Molenbeek, salle 2');
    const fac = await join(created.body.codes.facilitator, 'Anne');
    const snapshot = await api<{ session: { place: string | null } }>(
      t.url,
      'GET',
      `/api/sessions/${fac.sessionId}`,
      undefined,
      fac.token,
    );
    expect(snapshot.body.session.place).toBe('Maison communale de Molenbeek, salle 2');
    expect(await report(fac.sessionId, fac.token, 'format=md&lang=fr')).toContain(
      'Lieu\u202f: Maison communale de Molenbeek, salle 2',
    );
    expect(await report(fac.sessionId, fac.token, 'format=md&lang=nl')).toContain(
      'Locatie: Maison communale de Molenbeek, salle 2',
    );
    const html = await report(fac.sessionId, fac.token, 'format=html&lang=fr+nl');
    expect(html).toContain('Lieu\u202f: Maison communale de Molenbeek, salle 2');
    expect(html).toContain('Locatie: Maison communale de Molenbeek, salle 2');
  });

  it('is null when absent or empty, and the report then prints no place line', async () => {
    for (const body of [{}, { place: '' }, { place: '   ' }]) {
      const created = await create(body);
      expect(created.status).toBe(201);
      expect(created.body.session.place).toBeNull();
    }
    const created = await create({});
    const fac = await join(created.body.codes.facilitator, 'Anne');
    expect(await report(fac.sessionId, fac.token, 'format=md&lang=en')).not.toContain('Place:');
  });

  it('refuses line breaks, control and bidi characters, and more than 120 characters', async () => {
    for (const place of ['Salle\nB', 'Salle\u0007', 'Salle \u202eB', 'Salle \u2066B', 'x'.repeat(121), 42]) {
      const res = await create({ place });
      expect(res.status, JSON.stringify(place)).toBe(400);
      expect(res.body.error?.code).toBe('invalid_request');
    }
    expect((await create({ place: 'é'.repeat(120) })).status).toBe(201);
  });

  it('is changed and removed by the facilitator only, for their own session', async () => {
    const created = await create({ place: 'Bruxelles' });
    const fac = await join(created.body.codes.facilitator, 'Anne');
    const par = await join(created.body.codes.participant, 'Bram');
    const obs = await join(created.body.codes.observer, 'Chloé');
    const other = await create({ place: 'Gent' });
    const otherFac = await join(other.body.codes.facilitator, 'Dirk');

    const changed = await patch(fac.sessionId, fac.token, { place: ' Vlaams Parlement ' });
    expect(changed.status).toBe(200);
    expect(changed.body.session.place).toBe('Vlaams Parlement');
    expect((await patch(fac.sessionId, par.token, { place: 'Ailleurs' })).status).toBe(403);
    expect((await patch(fac.sessionId, obs.token, { place: 'Ailleurs' })).status).toBe(403);
    // Another session's facilitator token is not a token of this session at all.
    expect((await patch(fac.sessionId, otherFac.token, { place: 'Ailleurs' })).status).toBe(401);
    expect((await patch(fac.sessionId, fac.token, { place: 'Salle\u202e' })).status).toBe(400);
    expect((await patch(fac.sessionId, fac.token, { place: 'x'.repeat(121) })).status).toBe(400);
    expect(await report(fac.sessionId, fac.token, 'format=md&lang=nl')).toContain('Locatie: Vlaams Parlement');

    expect((await patch(fac.sessionId, fac.token, { place: '' })).body.session.place).toBeNull();
    expect((await patch(fac.sessionId, fac.token, { place: 'Liège' })).body.session.place).toBe('Liège');
    expect((await patch(fac.sessionId, fac.token, { place: null })).body.session.place).toBeNull();
    // The other session kept its own.
    expect((await patch(other.body.session.id, otherFac.token, {})).body.session.place).toBe('Gent');
  });
});
