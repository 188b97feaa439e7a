import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { can } from '@roundtable/domain';
import { CLIENT_EVENTS, CLIENT_EVENT_NAMES, type Role, type SocketData } from '@roundtable/protocol';
import { registerClientEvents, type EventHandlers, type EventSocket } from './clientEvents.js';

const log = pino({ level: 'silent' });

const actor = (role: Role): SocketData => ({
  sessionId: 's1',
  participantId: 'p1',
  role,
  name: 'Ana',
  group: 'unspecified',
});

/** A socket that records the listeners registered on it; `send` calls one and resolves with its ack. */
function recordingSocket(role: Role) {
  const listeners = new Map<string, (payload: unknown, ack: unknown) => void>();
  const socket: EventSocket = { data: actor(role), on: (event, listener) => listeners.set(event, listener) };
  const send = (event: string, payload: unknown) =>
    new Promise<unknown>((resolve) => listeners.get(event)?.(payload, resolve));
  return { socket, listeners, send };
}

/** Handlers that answer with what they were given, so a test sees what reached the service. */
const echo = new Proxy({} as EventHandlers, {
  get: () => async (_actor: SocketData, payload: unknown) => ({ echoed: payload }),
});

describe('registerClientEvents', () => {
  it('registers one listener per row of the table', () => {
    const { socket, listeners } = recordingSocket('facilitator');
    registerClientEvents(socket, echo, log);
    expect([...listeners.keys()].sort()).toEqual([...CLIENT_EVENT_NAMES].sort());
  });

  it('refuses a malformed payload with invalid_request and the row message, before any role check', async () => {
    const { socket, send } = recordingSocket('observer');
    registerClientEvents(socket, echo, log);
    expect(await send('vote:cast', 'garbage')).toEqual({
      ok: false,
      error: { code: 'invalid_request', message: 'vote:cast takes { voteId, ballot }' },
    });
    expect(await send('presence:list', { unexpected: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
  });

  it('refuses a role the row does not name with forbidden and the same messages as before the table', async () => {
    const observer = recordingSocket('observer');
    const participant = recordingSocket('participant');
    registerClientEvents(observer.socket, echo, log);
    registerClientEvents(participant.socket, echo, log);
    expect(await observer.send('vote:cast', { voteId: 'v1', ballot: {} })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'observers do not vote' },
    });
    expect(await observer.send('queue:raise', {})).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'observers follow the meeting; they do not run it' },
    });
    expect(await participant.send('vote:close', { voteId: 'v1' })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'only facilitators may do this' },
    });
  });

  it('hands the parsed payload to the service, a missing one as {} where the row allows it', async () => {
    const { socket, send } = recordingSocket('participant');
    registerClientEvents(socket, echo, log);
    expect(await send('meeting:get', undefined)).toEqual({ ok: true, echoed: {} });
    expect(await send('vote:cast', { voteId: 'v1', ballot: { choice: 'for' } })).toEqual({
      ok: true,
      echoed: { voteId: 'v1', ballot: { choice: 'for' } },
    });
  });

  it('answers a bare callback (no payload) as an empty payload', async () => {
    const { socket, listeners } = recordingSocket('observer');
    registerClientEvents(socket, echo, log);
    const ack = await new Promise((resolve) => listeners.get('presence:list')?.(resolve, undefined));
    expect(ack).toEqual({ ok: true, echoed: undefined });
  });
});

describe('CLIENT_EVENTS senders', () => {
  it('names for the vote and facilitator rows the roles of the domain permissions', () => {
    const roles: Role[] = ['facilitator', 'participant', 'observer'];
    const holders = (action: 'manageSession' | 'vote') => roles.filter((r) => can(r, action));
    for (const event of ['vote:open', 'vote:close', 'recommendation:decide'] as const) {
      expect(CLIENT_EVENTS[event].senders.roles).toEqual(holders('manageSession'));
    }
    expect(CLIENT_EVENTS['vote:cast'].senders.roles).toEqual(holders('vote'));
  });
});
