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
  /** Each delta's left-out connections, in the order of `changes`. */
  const excepted: string[][] = [];
  const touched: string[] = [];
  /** Each list sent, with the connections it went to (one encoding for all of them). */
  const listed: { snapshot: PresenceSnapshot; to: string[] }[] = [];
  const keeper = new PresenceKeeper(
    store,
    () => connections,
    {
      presenceChanged: (c, except) => {
        changes.push(c);
        excepted.push([...except]);
      },
      presenceListed: (snapshot, to) => listed.push({ snapshot, to: [...to] }),
      presenceTouched: (s) => touched.push(s),
    },
    'i1',
    log,
  );
  const join = (c: LocalConnection) => keeper.join(c);
  return { store, changes, excepted, touched, keeper, listed, join };
}

describe('PresenceKeeper', () => {
  afterEach(() => vi.useRealTimers());

  it('gives the newcomers of one window one list, and the members before them one delta', async () => {
    vi.useFakeTimers();
    const conns = [connection('c1', 'ana'), connection('c2', 'bo'), connection('c3', 'cy')];
    const { changes, excepted, touched, keeper, listed, join } = setup(conns);
    await join(conns[0]!);
    await vi.advanceTimersByTimeAsync(PRESENCE_CHANGE_WINDOW_MS);
    expect(listed).toEqual([{ snapshot: expect.objectContaining({ revision: 0 }), to: ['c1'] }]);
    expect(listed[0]!.snapshot.participants.map((p) => p.id)).toEqual(['ana']);
    expect(changes).toEqual([]);
    // Two arrive in the same window: ana hears of both in one delta, they get one list.
    await join(conns[1]!);
    await join(conns[2]!);
    expect(listed).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(PRESENCE_CHANGE_WINDOW_MS);
    expect(changes).toEqual([
      {
        sessionId: 's1',
        joined: [expect.objectContaining({ id: 'bo' }), expect.objectContaining({ id: 'cy' })],
        left: [],
        revision: 1,
      },
    ]);
    expect(excepted).toEqual([['c2', 'c3']]);
    expect(listed).toHaveLength(2);
    expect(listed[1]!.to).toEqual(['c2', 'c3']);
    expect(listed[1]!.snapshot).toMatchObject({ sessionId: 's1', revision: 1 });
    expect(listed[1]!.snapshot.participants.map((p) => p.id)).toEqual(['ana', 'bo', 'cy']);
    expect(touched).toEqual(['s1', 's1']);
    keeper.close();
  });

  it('sends a newcomer who left before the window closed no list', async () => {
    vi.useFakeTimers();
    const conns = [connection('c1', 'ana')];
    const { keeper, listed, join } = setup(conns);
    await join(conns[0]!);
    keeper.leave('s1', 'c1');
    await vi.advanceTimersByTimeAsync(PRESENCE_CHANGE_WINDOW_MS);
    expect(listed).toEqual([]);
    keeper.close();
  });

  it('keeps newcomers waiting through a heartbeat, and out of its delta', async () => {
    vi.useFakeTimers();
    const conns = [connection('c1', 'ana'), connection('c2', 'bo'), connection('c3', 'cy')];
    const { changes, excepted, keeper, listed, join } = setup(conns);
    await join(conns[0]!);
    await vi.advanceTimersByTimeAsync(PRESENCE_CHANGE_WINDOW_MS);
    // cy's join goes at once (a quiet session) and opens a window ...
    await vi.advanceTimersByTimeAsync(PRESENCE_HEARTBEAT_MS - PRESENCE_CHANGE_WINDOW_MS - 100);
    await join(conns[2]!);
    await vi.advanceTimersByTimeAsync(1);
    expect(listed.map((l) => l.to)).toEqual([['c1'], ['c3']]);
    // ... in which bo joins: he waits for its end, after the heartbeat, which reads him in the store.
    await join(conns[1]!);
    await vi.advanceTimersByTimeAsync(100);
    expect(changes.map((c) => c.revision)).toEqual([1, 2]);
    expect(excepted).toEqual([['c3'], ['c2']]);
    expect(listed.map((l) => l.to)).toEqual([['c1'], ['c3']]);
    // His own window then sends him the list, at the heartbeat's revision, and no delta.
    await vi.advanceTimersByTimeAsync(PRESENCE_CHANGE_WINDOW_MS);
    expect(changes).toHaveLength(2);
    expect(listed.at(-1)).toMatchObject({ to: ['c2'], snapshot: { revision: 2 } });
    expect(listed.at(-1)!.snapshot.participants.map((p) => p.id)).toEqual(['ana', 'bo', 'cy']);
    keeper.close();
  });

  it('sends a change in a quiet session at once, and those within the next window together', async () => {
    vi.useFakeTimers();
    const conns = [connection('c1', 'ana'), connection('c2', 'bo'), connection('c3', 'cy')];
    const { changes, keeper, listed, join } = setup(conns);
    await join(conns[0]!);
    await vi.advanceTimersByTimeAsync(1);
    expect(listed).toHaveLength(1);
    await join(conns[1]!);
    await join(conns[2]!);
    await vi.advanceTimersByTimeAsync(PRESENCE_CHANGE_WINDOW_MS - 10);
    expect(changes).toEqual([]);
    await vi.advanceTimersByTimeAsync(10);
    expect(changes.map((c) => c.joined.map((p) => p.id))).toEqual([['bo', 'cy']]);
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
