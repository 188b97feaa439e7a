import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PRESENCE_HEARTBEAT_MS, type PresenceParticipant } from '@roundtable/protocol';
import { InMemoryPresenceStore } from './InMemoryPresenceStore.js';
import { PRESENCE_BROADCAST_THROTTLE_MS, PresenceKeeper, type LocalConnection } from './PresenceKeeper.js';

const log = pino({ level: 'silent' });

function connection(id: string, participantId: string): LocalConnection {
  return { id, connected: true, data: { sessionId: 's1', participantId, name: participantId, role: 'participant' } };
}

function setup(connections: LocalConnection[]) {
  const store = new InMemoryPresenceStore();
  const sent: PresenceParticipant[][] = [];
  const keeper = new PresenceKeeper(
    store,
    () => connections,
    { presenceUpdated: (_s, list) => sent.push(list) },
    'i1',
    log,
  );
  return { store, sent, keeper };
}

describe('PresenceKeeper', () => {
  afterEach(() => vi.useRealTimers());

  it('coalesces the joins of one session into one broadcast', async () => {
    vi.useFakeTimers();
    const conns = [connection('c1', 'ana'), connection('c2', 'bo')];
    const { sent, keeper } = setup(conns);
    for (const c of conns) await keeper.join(c);
    await vi.advanceTimersByTimeAsync(PRESENCE_BROADCAST_THROTTLE_MS);
    expect(sent.map((list) => list.map((p) => p.id))).toEqual([['ana', 'bo']]);
    keeper.close();
  });

  it('joins again, at the heartbeat, a live connection the store lost (a Redis restart)', async () => {
    vi.useFakeTimers();
    const conns = [connection('c1', 'ana')];
    const { store, sent, keeper } = setup(conns);
    await keeper.join(conns[0]!);
    await keeper.remove('s1', 'c1');
    expect(await store.list('s1')).toEqual([]);
    await vi.advanceTimersByTimeAsync(PRESENCE_HEARTBEAT_MS);
    expect((await store.list('s1')).map((p) => p.id)).toEqual(['ana']);
    expect(sent.at(-1)?.map((p) => p.id)).toEqual(['ana']);
    keeper.close();
  });
});
