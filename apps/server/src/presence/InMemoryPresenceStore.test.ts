import { describe, expect, it } from 'vitest';
import { InMemoryPresenceStore } from './InMemoryPresenceStore.js';
import { describePresenceStore, presenceEntry } from './presenceStoreSuite.js';

describePresenceStore('InMemoryPresenceStore', async (clock) => {
  const store = new InMemoryPresenceStore({ clock });
  return { store, cleanup: () => store.close() };
});

describe('InMemoryPresenceStore', () => {
  it('forgets every session on close', async () => {
    const store = new InMemoryPresenceStore();
    await store.join(presenceEntry());
    await store.close();
    expect(await store.list('session-1')).toEqual([]);
  });

  it('rejects a ttl that is not a positive integer', () => {
    expect(() => new InMemoryPresenceStore({ ttlMs: 0 })).toThrow(RangeError);
  });
});
