import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateSessionResponse, JoinResponse, SessionResponse } from '@roundtable/protocol';
import { api, startTestServer, type TestServer } from './helpers/testServer.js';
import { docxText, docxXml, expectInOrder, pdfText } from './helpers/reportFiles.js';

/*
 * #16 extensions: a session's place, given at creation or by the facilitator later, under the
 * one-line text rule, and its time zone, given at creation; both printed in the report's
 * session facts, every time of the report written in that zone.
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
const reportResponse = async (sessionId: string, token: string, query: string) => {
  const res = await fetch(`${t.url}/api/sessions/${sessionId}/report?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return res;
};
const report = async (sessionId: string, token: string, query: string) =>
  (await reportResponse(sessionId, token, query)).text();
const reportBytes = async (sessionId: string, token: string, query: string) =>
  new Uint8Array(await (await reportResponse(sessionId, token, query)).arrayBuffer());

/** An instant's wall clock in a zone with a fixed offset and no summer time, by arithmetic (not Intl). */
function wallClock(iso: string, offsetHours: number) {
  const d = new Date(Date.parse(iso) + offsetHours * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    day: d.getUTCDate(),
    month: d.getUTCMonth(),
    year: d.getUTCFullYear(),
    time: `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`,
  };
}
const MONTHS = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  fr: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ],
  nl: [
    'januari',
    'februari',
    'maart',
    'april',
    'mei',
    'juni',
    'juli',
    'augustus',
    'september',
    'oktober',
    'november',
    'december',
  ],
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

describe('time zone', () => {
  it('defaults to Europe/Brussels, and is kept as Intl spells it', async () => {
    expect((await create({})).body.session.timeZone).toBe('Europe/Brussels');
    expect((await create({ timeZone: 'Asia/Tokyo' })).body.session.timeZone).toBe('Asia/Tokyo');
    expect((await create({ timeZone: 'europe/brussels' })).body.session.timeZone).toBe('Europe/Brussels');
    expect((await create({ timeZone: 'UTC' })).body.session.timeZone).toBe('UTC');
  });

  it('refuses what is not an IANA zone name with 400', async () => {
    for (const timeZone of [
      'Mars/Olympus_Mons',
      '+01:00',
      'GMT+1:00',
      '',
      ' Europe/Brussels',
      'Europe/Brussels\u202e',
      'Europe/Brussels\n',
      `Europe/${'x'.repeat(80)}`,
      42,
      null,
    ]) {
      const res = await create({ timeZone });
      expect(res.status, JSON.stringify(timeZone)).toBe(400);
      expect(res.body.error?.code).toBe('invalid_request');
    }
    // Not editable afterwards: PATCH is strict.
    const created = await create({});
    const fac = await join(created.body.codes.facilitator, 'Anne');
    expect((await patch(fac.sessionId, fac.token, { timeZone: 'Asia/Tokyo' })).status).toBe(400);
  });

  it('writes every time of the report in the zone, and names it, in Markdown, DOCX and PDF', async () => {
    // Tokyo (UTC+9) and Buenos Aires (UTC-3) have no summer time: the expected clock is arithmetic.
    const created = await create({ timeZone: 'Asia/Tokyo', place: 'Kyōto, salle Kamo' });
    const fac = await join(created.body.codes.facilitator, 'Anne');
    const at = wallClock(created.body.session.createdAt, 9);
    const md = await report(fac.sessionId, fac.token, 'format=md&lang=en');
    expect(md).toContain(`Date: ${at.day} ${MONTHS.en[at.month]} ${at.year} at ${at.time} GMT+9`);
    expect(md).toContain('Time zone: Asia/Tokyo');
    expect(md).toMatch(/Generated on: \d{1,2} \w+ \d{4} at \d{2}:\d{2} GMT\+9/);
    expect(md).not.toMatch(/GMT\+[12]\b/);

    const docx = docxText(docxXml(await reportBytes(fac.sessionId, fac.token, 'format=docx&lang=fr+nl')));
    expectInOrder(docx, [
      `${at.day} ${MONTHS.fr[at.month]} ${at.year} à ${at.time} UTC+9`,
      'Fuseau horaire\u202f: Asia/Tokyo',
      'Lieu\u202f: Kyōto, salle Kamo',
      `${at.day} ${MONTHS.nl[at.month]} ${at.year} om ${at.time} GMT+9`,
      'Tijdzone: Asia/Tokyo',
      'Locatie: Kyōto, salle Kamo',
    ]);

    const other = await create({ timeZone: 'America/Argentina/Buenos_Aires' });
    const otherFac = await join(other.body.codes.facilitator, 'Dirk');
    const ba = wallClock(other.body.session.createdAt, -3);
    const pdf = await pdfText(await reportBytes(otherFac.sessionId, otherFac.token, 'format=pdf&lang=nl'));
    expectInOrder(pdf, [
      `${ba.day} ${MONTHS.nl[ba.month]} ${ba.year} om ${ba.time} GMT-3`,
      // Intl's own spelling of the zone.
      'Tijdzone: America/Buenos_Aires',
    ]);
    const pdfFr = await pdfText(await reportBytes(otherFac.sessionId, otherFac.token, 'format=pdf&lang=fr'));
    expect(pdfFr).toContain(`${ba.day} ${MONTHS.fr[ba.month]} ${ba.year} à ${ba.time} UTC−3`);
  });
});
