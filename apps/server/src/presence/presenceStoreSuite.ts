import { PRESENCE_TTL_MS } from '@roundtable/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock, PresenceEntry, PresenceStore } from './PresenceStore.js';

/** A store under test and how to dispose of it (close, delete its keys, quit clients). */
export interface PresenceStoreFixture {
  store: PresenceStore;
  cleanup: () => Promise<void>;
}

/** Builds a store with the default ttl (PRESENCE_TTL_MS) reading time from `clock`. */
export type MakePresenceStore = (clock: Clock) => Promise<PresenceStoreFixture>;

/** Any fixed instant works; a round one makes failing expectations easy to read. */
const START_MS = Date.UTC(2025, 0, 1);
/** Small enough that any number of steps stays well inside one ttl. */
const STEP_MS = 1;

/** A clock that moves only when told to, so expiry is tested without sleeping. */
export function fakeClock(startMs = START_MS): { clock: Clock; advance: (ms: number) => void } {
  let now = startMs;
  return {
    clock: () => now,
    advance: (ms) => {
      now += ms;
    },
  };
}

/** A complete entry; tests override only what they are about. */
export function presenceEntry(overrides: Partial<PresenceEntry> = {}): PresenceEntry {
  return {
    sessionId: 'session-1',
    connectionId: 'conn-1',
    participantId: 'alice',
    name: 'Alice',
    role: 'participant',
    instanceId: 'instance-1',
    ...overrides,
  };
}

/**
 * The behaviour every PresenceStore shares, so the in-memory twin cannot drift from the
 * Redis one. Call it from each implementation's test file.
 */
export function describePresenceStore(name: string, makeStore: MakePresenceStore): void {
  describe(`${name} (PresenceStore contract)`, () => {
    let store: PresenceStore;
    let cleanup: () => Promise<void>;
    let advance: (ms: number) => void;

    beforeEach(async () => {
      const time = fakeClock();
      advance = time.advance;
      ({ store, cleanup } = await makeStore(time.clock));
    });

    afterEach(async () => {
      await cleanup();
    });

    it('lists a joined participant as online', async () => {
      await store.join(presenceEntry());
      expect(await store.list('session-1')).toEqual([
        { id: 'alice', name: 'Alice', role: 'participant', online: true },
      ]);
    });

    it('lists nobody in an unknown session', async () => {
      expect(await store.list('nobody-here')).toEqual([]);
    });

    it('shows one row for a participant with two connections', async () => {
      await store.join(presenceEntry({ connectionId: 'conn-1' }));
      await store.join(presenceEntry({ connectionId: 'conn-2', instanceId: 'instance-2' }));
      expect(await store.list('session-1')).toHaveLength(1);
    });

    it('keeps a participant while another of their connections remains', async () => {
      await store.join(presenceEntry({ connectionId: 'conn-1' }));
      await store.join(presenceEntry({ connectionId: 'conn-2' }));
      await store.leave('session-1', 'conn-1');
      expect((await store.list('session-1')).map((p) => p.id)).toEqual(['alice']);
    });

    it('removes a participant when their last connection leaves', async () => {
      await store.join(presenceEntry({ connectionId: 'conn-1' }));
      await store.join(presenceEntry({ connectionId: 'conn-2' }));
      await store.leave('session-1', 'conn-1');
      await store.leave('session-1', 'conn-2');
      expect(await store.list('session-1')).toEqual([]);
    });

    it('ignores leaving an unknown connection', async () => {
      await store.join(presenceEntry());
      await store.leave('session-1', 'never-joined');
      await store.leave('other-session', 'conn-1');
      expect(await store.list('session-1')).toHaveLength(1);
    });

    it('keeps an entry until its ttl has passed', async () => {
      await store.join(presenceEntry());
      advance(PRESENCE_TTL_MS - STEP_MS);
      expect(await store.list('session-1')).toHaveLength(1);
    });

    it('drops an entry not refreshed within its ttl', async () => {
      await store.join(presenceEntry());
      advance(PRESENCE_TTL_MS);
      expect(await store.list('session-1')).toEqual([]);
    });

    it('keeps alive, past the ttl, the connections a heartbeat names', async () => {
      await store.join(presenceEntry({ connectionId: 'kept', participantId: 'alice' }));
      await store.join(presenceEntry({ connectionId: 'dropped', participantId: 'bob', name: 'Bob' }));
      advance(PRESENCE_TTL_MS - STEP_MS);
      await store.heartbeat('session-1', ['kept']);
      advance(PRESENCE_TTL_MS - STEP_MS);
      expect((await store.list('session-1')).map((p) => p.id)).toEqual(['alice']);
      advance(STEP_MS);
      expect(await store.list('session-1')).toEqual([]);
    });

    it('refreshes an entry by joining again', async () => {
      await store.join(presenceEntry());
      advance(PRESENCE_TTL_MS - STEP_MS);
      await store.join(presenceEntry());
      advance(PRESENCE_TTL_MS - STEP_MS);
      expect(await store.list('session-1')).toHaveLength(1);
    });

    it('does not revive an expired connection on heartbeat', async () => {
      // Whether list() ran in between must not matter, so it is not called here.
      await store.join(presenceEntry());
      advance(PRESENCE_TTL_MS);
      await store.heartbeat('session-1', ['conn-1']);
      expect(await store.list('session-1')).toEqual([]);
    });

    it('does not add a connection that never joined on heartbeat', async () => {
      await store.heartbeat('session-1', ['never-joined']);
      await store.heartbeat('session-1', []);
      expect(await store.list('session-1')).toEqual([]);
    });

    it('keeps sessions apart, even when one id extends another', async () => {
      // 'room:entries' would collide with the keys of 'room' if ids were not encoded.
      await store.join(presenceEntry({ sessionId: 'room', participantId: 'alice' }));
      await store.join(presenceEntry({ sessionId: 'room:entries', participantId: 'bob', name: 'Bob' }));
      expect((await store.list('room')).map((p) => p.id)).toEqual(['alice']);
      expect((await store.list('room:entries')).map((p) => p.id)).toEqual(['bob']);
      await store.leave('room', 'conn-1');
      expect(await store.list('room')).toEqual([]);
      expect(await store.list('room:entries')).toHaveLength(1);
    });

    it('sorts by name, then by id', async () => {
      const people = [
        { participantId: 'p3', name: 'Zoé' },
        { participantId: 'p2', name: 'Émile' },
        { participantId: 'p1', name: 'anna' },
        { participantId: 'p5', name: 'Bram' },
        { participantId: 'p4', name: 'Bram' },
      ];
      for (const [index, person] of people.entries()) {
        await store.join(presenceEntry({ ...person, connectionId: `conn-${index}` }));
      }
      expect((await store.list('session-1')).map((p) => [p.name, p.id])).toEqual([
        ['anna', 'p1'],
        ['Bram', 'p4'],
        ['Bram', 'p5'],
        ['Émile', 'p2'],
        ['Zoé', 'p3'],
      ]);
    });

    it('answers ping', async () => {
      expect(await store.ping()).toBe(true);
    });
  });
}
