import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PresenceParticipant } from '@roundtable/protocol';
import {
  api,
  connectSocket,
  createSessionFixture,
  startTestServer,
  type SessionFixture,
  type TestServer,
  watchPresence,
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

const connectError = (token: string | undefined) =>
  new Promise<string>((resolve, reject) => {
    const socket = connectSocket(t.url, token);
    socket.on('connect', () => {
      socket.close();
      reject(new Error('connected with a bad token'));
    });
    socket.on('connect_error', (err) => {
      socket.close();
      resolve(err.message);
    });
  });

describe('socket.io gateway', () => {
  it('refuses missing, forged and expired tokens with connect_error', async () => {
    const expired = t.tokens.sign({ sessionId: s.sessionId, participantId: 'p', role: 'participant', name: 'x' }, -1);
    expect(await connectError(undefined)).toBe('unauthorized');
    expect(await connectError(`${s.participant.token}x`)).toBe('unauthorized');
    expect(await connectError(expired)).toBe('unauthorized');
  });

  it('keeps presence live: who connects appears, who leaves disappears', async () => {
    const facilitator = connectSocket(t.url, s.facilitator.token);
    const { names } = watchPresence(facilitator);
    await vi.waitFor(() => expect(names()).toEqual(['Anne']));

    const participant = connectSocket(t.url, s.participant.token);
    await vi.waitFor(() => expect(names()).toEqual(['Anne', 'Bram']));
    const rest = await api<{ participants: PresenceParticipant[] }>(
      t.url,
      'GET',
      `/api/sessions/${s.sessionId}/presence`,
      undefined,
      s.observer.token,
    );
    expect(rest.body.participants).toEqual([
      { id: s.facilitator.participant.id, name: 'Anne', role: 'facilitator', online: true },
      { id: s.participant.participant.id, name: 'Bram', role: 'participant', online: true },
    ]);

    participant.close();
    await vi.waitFor(() => expect(names()).toEqual(['Anne']));
    facilitator.close();
  });

  it('serves the long-polling transport alongside REST on the same port', async () => {
    const socket = connectSocket(t.url, s.participant.token, ['polling']);
    try {
      const ack = await socket.timeout(5_000).emitWithAck('presence:list', {});
      expect(ack.ok).toBe(true);
      // The API still answers while polling requests are in flight.
      expect((await api(t.url, 'GET', '/healthz')).status).toBe(200);
      // A raw engine.io handshake is answered by socket.io alone (not also by express).
      const handshake = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling`);
      expect(handshake.status).toBe(200);
      expect(await handshake.text()).toMatch(/^0\{"sid"/);
    } finally {
      socket.close();
    }
  });

  it('answers presence:list in the ack and refuses a malformed payload', async () => {
    const socket = connectSocket(t.url, s.participant.token);
    try {
      await vi.waitFor(() => expect(socket.connected).toBe(true));
      const ok = await socket.emitWithAck('presence:list', {});
      expect(ok.ok).toBe(true);
      // Without a payload, the ack comes first and is still answered.
      const bare = await new Promise((resolve) =>
        (socket as unknown as { emit(e: string, cb: (r: unknown) => void): void }).emit('presence:list', resolve),
      );
      expect(bare).toMatchObject({ ok: true });
      const bad = await socket.emitWithAck('presence:list', { sessionId: 'someone-else' } as unknown as null);
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    } finally {
      socket.close();
    }
  });

  it('tells every member when a recommendation is added', async () => {
    const socket = connectSocket(t.url, s.observer.token);
    const titles: string[] = [];
    socket.on('recommendation:created', ({ recommendation }) => titles.push(recommendation.title));
    try {
      await vi.waitFor(() => expect(socket.connected).toBe(true));
      await api(
        t.url,
        'POST',
        `/api/sessions/${s.sessionId}/recommendations`,
        { title: 'Santé mentale', theme: 'health' },
        s.facilitator.token,
      );
      await vi.waitFor(() => expect(titles).toContain('Santé mentale'));
    } finally {
      socket.close();
    }
  });
});
