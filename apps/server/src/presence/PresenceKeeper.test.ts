import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  PRESENCE_CHANGE_WINDOW_MS,
  PRESENCE_HEARTBEAT_MS,
  type PresenceChanged,
  type PresenceSnapshot,
} from '@roundtable/protocol';
import { InMemoryPresenceStore } from './InMemoryPresenceStore.js';
import { PresenceKeeper, type LocalConnection } from './PresenceKeeper.js';

const log = pino({ level: 'silent' });

function connection(id: string, participantId: string): LocalConnection {
  return { id, connected: true, data: { sessionId: 's1', participantId, name: participantId, role: 'participant' } };
}

function setup(connections: LocalConnection[]) {
  const store = new InMemoryPresenceStore();
  const changes: PresenceChanged[] = [];
  const touched: string[] = [];
  const keeper = new PresenceKeeper(
    store,
    () => connections,
    { presenceChanged: (c) => changes.push(c), presenceTouched: (s) => touched.push(s) },
    'i1',
    log,
  );
  const snapshots: PresenceSnapshot[] = [];
  const join = (c: LocalConnection) => keeper.join(c, (s) => snapshots.push(s));
  return { store, changes, touched, keeper, snapshots, join };
}

describe('PresenceKeeper', () => {
  afterEach(() => vi.useRealTimers());

  it('gives each newcomer the list, then coalesces the joins into one delta', async () => {
    vi.useFakeTimers();
    const conns = [connection('c1', 'ana'), connection('c2', 'bo')];
    const { changes, touched, keeper, snapshots, join } = setup(conns);
    for (const c of conns) await join(c);
    expect(snapshots.map((s) => [s.revision, s.participants.map((p) => p.id)])).toEqual([
      [0, ['ana']],
      [0, ['ana', 'bo']],
    ]);
    await vi.advanceTimersByTimeAsync(PRESENCE_CHANGE_WINDOW_MS);
    expect(changes).toEqual([
      { sessionId: 's1', joined: [expect.objectContaining({ id: 'bo' })], left: [], revision: 1 },
    ]);
    expect(touched).toEqual(['s1']);
    keeper.close();
  });

  it('sends a leave as a delta with the next revision, and the snapshot follows it', async () => {
    vi.useFakeTimers();
    const conns = [connection('c1', 'ana'), connection('c2', 'bo')];
    const { changes, keeper, join } = setup(conns);
    for (const c of conns) await join(c);
    await vi.advanceTimersByTimeAsync(PRESENCE_CHANGE_WINDOW_MS);
    keeper.leave('s1', 'c2');
    await vi.advanceTimersByTimeAsync(PRESENCE_CHANGE_WINDOW_MS);
    expect(changes.at(-1)).toEqual({ sessionId: 's1', joined: [], left: ['bo'], revision: 2 });
    expect(await keeper.snapshot('s1')).toMatchObject({ revision: 2, participants: [{ id: 'ana' }] });
    keeper.close();
  });

  it('sends nothing when a second device of someone listed joins', async () => {
    vi.useFakeTimers();
    const conns = [connection('c1', 'ana'), connection('c2', 'ana')];
    const { changes, keeper, join } = setup(conns);
    await join(conns[0]!);
    await vi.advanceTimersByTimeAsync(PRESENCE_CHANGE_WINDOW_MS);
    await join(conns[1]!);
    await vi.advanceTimersByTimeAsync(PRESENCE_CHANGE_WINDOW_MS);
    expect(changes).toEqual([]);
    keeper.close();
  });

  it('joins again, at the heartbeat, a live connection the store lost (a Redis restart)', async () => {
    vi.useFakeTimers();
    const conns = [connection('c1', 'ana')];
    const { store, changes, keeper, join } = setup(conns);
    await join(conns[0]!);
    await vi.advanceTimersByTimeAsync(PRESENCE_CHANGE_WINDOW_MS);
    await keeper.remove('s1', 'c1');
    expect(await store.list('s1')).toEqual([]);
    await vi.advanceTimersByTimeAsync(PRESENCE_HEARTBEAT_MS);
    expect((await store.list('s1')).map((p) => p.id)).toEqual(['ana']);
    // ana never left this instance's view, so nobody is told anything changed.
    expect(changes).toEqual([]);
    keeper.close();
  });
});
