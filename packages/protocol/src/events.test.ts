import { describe, expect, it } from 'vitest';
import { CLIENT_EVENTS, CLIENT_EVENT_NAMES, SERVER_EVENTS } from './events.js';
import { FACILITATION_EVENT_NAMES } from './facilitation.js';

describe('CLIENT_EVENTS', () => {
  it('has a row for every facilitation event and the vote and presence events', () => {
    for (const event of [
      ...FACILITATION_EVENT_NAMES,
      'presence:list',
      'vote:open',
      'vote:cast',
      'vote:close',
      'recommendation:decide',
    ]) {
      expect(CLIENT_EVENT_NAMES).toContain(event);
    }
  });

  it('gives every role a refusal message it does not name as sender', () => {
    for (const event of CLIENT_EVENT_NAMES) {
      const { roles, refused } = CLIENT_EVENTS[event].senders;
      for (const role of ['facilitator', 'participant', 'observer'] as const) {
        if (!roles.includes(role)) expect(refused[role], `${event} ${role}`).toBeTypeOf('string');
      }
    }
  });

  it('takes no payload for presence:list, a missing one as {} for facilitation', () => {
    const list = CLIENT_EVENTS['presence:list'].payload;
    expect([undefined, null, {}].map((p) => list.safeParse(p).success)).toEqual([true, true, true]);
    expect(list.safeParse({ sessionId: 'x' }).success).toBe(false);
    expect(FACILITATION_EVENT_NAMES.every((e) => CLIENT_EVENTS[e].payloadOptional)).toBe(true);
  });
});

describe('SERVER_EVENTS', () => {
  it('checks the presence list shape', () => {
    expect(SERVER_EVENTS['presence:updated'].safeParse({ sessionId: 's', participants: [] }).success).toBe(true);
    expect(SERVER_EVENTS['presence:updated'].safeParse({ participants: [] }).success).toBe(false);
  });
});
