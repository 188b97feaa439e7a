import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { intervisionNotesDocName, remainingMs } from '@roundtable/domain';
import type { Ack, CreateSessionResponse, JoinResponse, MeetingState, SessionSnapshot } from '@roundtable/protocol';
import {
  api,
  appendParagraph,
  connectDoc,
  type connectSocket,
  connectedSocket,
  createSessionFixture,
  rawYjs,
  startTestServer,
  type TestServer,
} from './helpers/testServer.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

type Sock = ReturnType<typeof connectSocket>;
const sockets: Sock[] = [];
afterAll(() => {
  for (const x of sockets) x.close();
});
const socketFor = (token: string): Promise<Sock> => connectedSocket(t.url, token, sockets);
const emit = (socket: Sock, event: string, payload: unknown = {}) =>
  (socket as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack<{ state: MeetingState }>> }).emitWithAck(
    event,
    payload,
  );
async function must(socket: Sock, event: string, payload: unknown = {}): Promise<MeetingState> {
  const res = await emit(socket, event, payload);
  if (!res.ok) throw new Error(`${event} refused: ${res.error.code} ${res.error.message}`);
  return res.state;
}

async function intervisionSession() {
  const created = (
    await api<CreateSessionResponse>(t.url, 'POST', '/api/sessions', { title: 'Intervision', kind: 'intervision' })
  ).body;
  const join = async (code: string, name: string, organisationType?: string) =>
    (
      await api<JoinResponse>(t.url, 'POST', '/api/join', {
        code,
        name,
        ...(organisationType ? { organisationType } : {}),
      })
    ).body;
  return {
    created,
    facilitator: await join(created.codes.facilitator, 'Anne'),
    bringer: await join(created.codes.participant, 'Bram', 'civil_society'),
    peer: await join(created.codes.participant, 'Chloé', 'administration'),
    observer: await join(created.codes.observer, 'Dirk'),
  };
}

describe('facilitation', () => {
  it('starts a session from its kind template and refuses facilitator commands from others', async () => {
    const s = await createSessionFixture(t.url);
    const snapshot = await api<SessionSnapshot>(
      t.url,
      'GET',
      `/api/sessions/${s.sessionId}`,
      undefined,
      s.participant.token,
    );
    expect(snapshot.body.agenda.map((i) => i.titleKey)).toEqual([
      'agenda.templates.round_table.tour_de_table',
      'agenda.templates.round_table.discussion',
      'agenda.templates.round_table.recommendations',
    ]);
    const participant = await socketFor(s.participant.token);
    const observer = await socketFor(s.observer.token);
    for (const [event, payload] of [
      ['agenda:current', { itemId: snapshot.body.agenda[0]!.id }],
      ['timer:start', { durationSeconds: 60 }],
      ['queue:next', {}],
      ['tour:start', { order: 'seat' }],
      ['agenda:applyTemplate', { template: 'intervision' }],
    ] as const) {
      expect(await emit(participant, event, payload)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await emit(observer, 'queue:raise', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await emit(participant, 'agenda:current', 'garbage')).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
  });

  it('shows two clients the same current item and remaining time, on the server clock', async () => {
    const s = await createSessionFixture(t.url);
    const fac = await socketFor(s.facilitator.token);
    const first = await socketFor(s.participant.token);
    const second = await socketFor(s.observer.token);
    const seen = new Map<Sock, MeetingState>();
    for (const sk of [first, second]) sk.on('meeting:updated', (m) => seen.set(sk, m));
    const start = await must(fac, 'meeting:get');
    const [one, two] = start.agenda;
    await must(fac, 'agenda:current', { itemId: one!.id });
    await must(fac, 'agenda:current', { itemId: two!.id });
    await must(fac, 'timer:start', { durationSeconds: 120 });
    await vi.waitFor(() => {
      for (const sk of [first, second]) {
        expect(seen.get(sk)?.currentItemId).toBe(two!.id);
        expect(seen.get(sk)?.timer?.pausedAt).toBeNull();
      }
    });
    // Each client computes remaining time from the state and its clock offset.
    const remaining = [first, second].map((sk) => {
      const m = seen.get(sk)!;
      return remainingMs(m.timer!, m.serverNow);
    });
    expect(Math.abs(remaining[0]! - remaining[1]!)).toBeLessThan(1000);
    expect(remaining[0]).toBeGreaterThan(115_000);
    expect(seen.get(first)).not.toHaveProperty('speakingTime');
  });

  it('orders the queue with points of order first and sums speaking time by group for facilitators', async () => {
    const s = await intervisionSession();
    const fac = await socketFor(s.facilitator.token);
    const bringer = await socketFor(s.bringer.token);
    const peer = await socketFor(s.peer.token);
    await must(bringer, 'queue:raise', {});
    const after = await must(peer, 'queue:raise', { pointOfOrder: true, language: 'nl' });
    expect(after.queue.map((e) => [e.name, e.kind])).toEqual([
      ['Chloé', 'point_of_order'],
      ['Bram', 'hand'],
    ]);
    const floor = await must(fac, 'queue:next');
    expect(floor.speaker?.name).toBe('Chloé');
    // A turn must last a measurable time (zero-length turns are not counted).
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(floor.speaker!.since + 20));
    const ended = await must(peer, 'floor:end');
    expect(ended.speaker).toBeNull();
    const forFacilitator = await must(fac, 'meeting:get');
    expect(forFacilitator.speakingTime?.turns).toBe(1);
    expect(Object.keys(forFacilitator.speakingTime?.byGroup ?? {})).toEqual(['administration']);
    expect(Object.keys(forFacilitator.speakingTime?.byLanguage ?? {})).toEqual(['nl']);
    expect(await must(peer, 'meeting:get')).not.toHaveProperty('speakingTime');
  });

  it('counts a tour de table turn in the language the person declared, and shows that language to nobody', async () => {
    const s = await createSessionFixture(t.url);
    const fac = await socketFor(s.facilitator.token);
    const bram = await socketFor(s.participant.token);
    const observer = await socketFor(s.observer.token);
    // Bram says he speaks Dutch with a raised hand, then takes it down again.
    await must(bram, 'queue:raise', { language: 'nl' });
    await must(bram, 'queue:lower', {});
    let state = await must(fac, 'tour:start', { order: 'seat' });
    while (state.speaker && state.speaker.participantId !== s.participant.participant.id) {
      state = await must(fac, 'tour:next');
    }
    expect(state.speaker).toMatchObject({ name: 'Bram', language: 'nl' });
    const since = state.speaker!.since;
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(since + 20));
    await must(fac, 'tour:end');
    const time = (await must(fac, 'meeting:get')).speakingTime!;
    expect(time.byLanguage.nl).toBeGreaterThanOrEqual(20);
    for (const socket of [fac, bram, observer]) {
      expect(await must(socket, 'meeting:get')).not.toHaveProperty('declaredLanguages');
    }
  });

  it("refuses the case bringer's posts during analysis, in the queue and in the notes", async () => {
    const s = await intervisionSession();
    const sessionId = s.created.session.id;
    const fac = await socketFor(s.facilitator.token);
    const bringer = await socketFor(s.bringer.token);
    const state = await must(fac, 'meeting:get');
    const analysis = state.agenda.find((i) => i.intervisionPhase === 'analysis')!;
    await must(fac, 'intervision:setCaseBringer', { participantId: s.bringer.participant.id });
    // A hand raised before the analysis is taken down with it, and gives no floor.
    expect((await must(bringer, 'queue:raise', {})).queue).toHaveLength(1);
    expect((await must(fac, 'agenda:current', { itemId: analysis.id })).queue).toEqual([]);
    expect(await emit(fac, 'floor:give', { participantId: s.bringer.participant.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    expect(await emit(bringer, 'queue:raise', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const docName = intervisionNotesDocName(sessionId, 'analysis');
    const peerDoc = connectDoc(t.wsUrl, docName, s.peer.token);
    const bringerDoc = connectDoc(t.wsUrl, docName, s.bringer.token);
    await vi.waitFor(() => expect(peerDoc.provider.synced && bringerDoc.provider.synced).toBe(true));
    appendParagraph(bringerDoc.body, 'le porteur parle');
    appendParagraph(peerDoc.body, 'analyse du pair');
    const fresh = connectDoc(t.wsUrl, docName, s.observer.token);
    await vi.waitFor(() => expect(fresh.body.toString()).toContain('analyse du pair'));
    expect(fresh.body.toString()).not.toContain('le porteur parle');
    for (const d of [peerDoc, bringerDoc, fresh]) d.provider.destroy();

    // In the reflection phase the case bringer speaks again.
    const reflection = state.agenda.find((i) => i.intervisionPhase === 'reflection')!;
    await must(fac, 'agenda:current', { itemId: reflection.id });
    expect((await emit(bringer, 'queue:raise', {})).ok).toBe(true);
  });

  it('erases intervision notes for good: stored updates deleted, live connections closed', async () => {
    const s = await intervisionSession();
    const sessionId = s.created.session.id;
    const fac = await socketFor(s.facilitator.token);
    const docName = intervisionNotesDocName(sessionId, 'case_presentation');
    const notes = connectDoc(t.wsUrl, docName, s.peer.token);
    await vi.waitFor(() => expect(notes.provider.synced).toBe(true));
    appendParagraph(notes.body, 'contenu confidentiel');
    await vi.waitFor(async () =>
      expect((await t.server.storage.docs.loadDoc(docName)).updates.length).toBeGreaterThan(0),
    );
    notes.provider.destroy();
    const live = rawYjs(t.wsUrl, docName, s.peer.token);
    await live.opened;

    expect(await emit(await socketFor(s.peer.token), 'intervision:erase', { confirm: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await must(fac, 'intervision:erase', { confirm: true });
    expect((await live.closed).reason).toBe('erased');
    expect((await t.server.storage.docs.loadDoc(docName)).updates).toHaveLength(0);
    // Erased for good: a client still holding the notes cannot bring them back.
    const holder = rawYjs(t.wsUrl, docName, s.peer.token);
    expect(await holder.closed).toEqual({ code: 4404, reason: 'erased' });
    expect(holder.received).toHaveLength(0);
    expect((await t.server.storage.docs.loadDoc(docName)).updates).toHaveLength(0);
  });
});
