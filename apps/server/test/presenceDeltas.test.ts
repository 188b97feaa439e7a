import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PresenceMirror } from '@roundtable/domain';
import type { JoinResponse, PresenceChanged, PresenceSnapshot, PresenceUpdated } from '@roundtable/protocol';
import { startCluster, type Cluster } from './helpers/cluster.js';
import {
  api,
  connectedSocket,
  connectSocket,
  createSessionFixture,
  emitAck,
  type SessionFixture,
  watchPresence,
} from './helpers/testServer.js';

/** Two instances on the real Redis (presence store and adapter) and the real PostgreSQL. */
let cluster: Cluster;
const opened: { close(): void }[] = [];
let s: SessionFixture;

beforeAll(async () => {
  cluster = await startCluster(2);
  s = await createSessionFixture(cluster.instances[0]!.url);
});

afterAll(async () => {
  for (const socket of opened) socket.close();
  await cluster.close();
});

const urlOf = (i: number) => cluster.instances[i % 2]!.url;

/** A websocket client watched from before it connects (the list comes with the connection). */
async function watchedSocket(url: string, token: string) {
  const socket = connectSocket(url, token, ['websocket']);
  opened.push(socket);
  const watch = watchPresence(socket);
  await vi.waitFor(() => expect(socket.connected).toBe(true), { timeout: 15_000 });
  return { socket, ...watch };
}

/** A new participant of a new session joined `count` times, for a fresh presence. */
async function freshSession(count: number) {
  const created = await api<{ session: { id: string }; codes: { participant: string; facilitator: string } }>(
    urlOf(0),
    'POST',
    '/api/sessions',
    { title: 'Assemblée', kind: 'round_table', themes: ['housing'] },
  );
  const people: JoinResponse[] = [];
  for (let i = 0; i < count; i++) {
    const name = `Votant ${String(i).padStart(3, '0')}`;
    people.push(
      (await api<JoinResponse>(urlOf(0), 'POST', '/api/join', { code: created.body.codes.participant, name })).body,
    );
  }
  return { sessionId: created.body.session.id, people };
}

describe('presence as deltas, across two instances', () => {
  it('gives a late joiner the whole list and the others a delta; a leave arrives as one', async () => {
    const first = connectSocket(urlOf(0), s.facilitator.token, ['websocket']);
    opened.push(first);
    const lists: PresenceUpdated[] = [];
    const deltas: PresenceChanged[] = [];
    first.on('presence:updated', (l) => lists.push(l));
    first.on('presence:changed', (d) => deltas.push(d));
    const onFirst = watchPresence(first);
    await vi.waitFor(() => expect(onFirst.names()).toEqual(['Anne']));

    // The late joiner is on the other instance: its arrival crosses Redis.
    const { socket: late, ...onLate } = await watchedSocket(urlOf(1), s.participant.token);
    await vi.waitFor(() => expect(onLate.names()).toEqual(['Anne', 'Bram']));
    expect(onLate.counted.lists).toBe(1);
    await vi.waitFor(() => expect(onFirst.names()).toEqual(['Anne', 'Bram']));
    // The earlier member got the newcomer alone, not the list again.
    expect(lists).toHaveLength(1);
    expect(deltas.at(-1)).toMatchObject({ joined: [{ name: 'Bram', role: 'participant', online: true }], left: [] });

    late.close();
    await vi.waitFor(() => expect(onFirst.names()).toEqual(['Anne']));
    expect(deltas.at(-1)).toMatchObject({ joined: [], left: [s.participant.participant.id] });
    expect(lists).toHaveLength(1);
    // Revisions follow each other on the connection.
    expect(deltas.map((d) => d.revision)).toEqual(deltas.map((_, i) => (lists[0]!.revision ?? 0) + i + 1));
    first.close();
  });

  it('counts a person on two devices once, and their leaving only when both have gone', async () => {
    const { socket: watcher, ...seen } = await watchedSocket(urlOf(0), s.facilitator.token);
    const deviceA = await connectedSocket(urlOf(0), s.participant.token, opened);
    const deviceB = await connectedSocket(urlOf(1), s.participant.token, opened);
    await vi.waitFor(() => expect(seen.names()).toEqual(['Anne', 'Bram']));
    deviceA.close();
    // Still there through the other device; the facilitator's GET agrees.
    await vi.waitFor(async () => {
      const rest = await api<{ participants: { name: string }[] }>(
        urlOf(1),
        'GET',
        `/api/sessions/${s.sessionId}/presence`,
        undefined,
        s.facilitator.token,
      );
      expect(rest.body.participants.map((p) => p.name)).toEqual(['Anne', 'Bram']);
    });
    expect(seen.names()).toEqual(['Anne', 'Bram']);
    deviceB.close();
    await vi.waitFor(() => expect(seen.names()).toEqual(['Anne']));
    watcher.close();
  });

  it('lets a client that missed a delta ask presence:sync and catch up', async () => {
    const { sessionId, people } = await freshSession(3);
    const watcher = connectSocket(urlOf(0), people[0]!.token, ['websocket']);
    opened.push(watcher);
    const mirror = new PresenceMirror();
    const deltas: PresenceChanged[] = [];
    watcher.on('presence:updated', (l) => mirror.snapshot(l));
    watcher.on('presence:changed', (d) => deltas.push(d));
    await vi.waitFor(() => expect(mirror.size).toBe(1));

    await connectedSocket(urlOf(0), people[1]!.token, opened);
    await vi.waitFor(() => expect(deltas).toHaveLength(1));
    await connectedSocket(urlOf(1), people[2]!.token, opened);
    await vi.waitFor(() => expect(deltas).toHaveLength(2));
    // Lose the first delta on purpose: the second shows the gap.
    expect(mirror.changed(deltas[1]!)).toBe('gap');
    const ack = await emitAck<PresenceSnapshot>(watcher, 'presence:sync', undefined);
    if (!ack.ok) throw new Error(ack.error.message);
    expect(ack.sessionId).toBe(sessionId);
    expect(ack.revision).toBe(deltas[1]!.revision);
    expect(mirror.snapshot(ack)).toBe('ok');
    expect(mirror.participants.map((p) => p.name)).toEqual(['Votant 000', 'Votant 001', 'Votant 002']);
    // presence:sync takes nothing.
    expect(await emitAck(watcher, 'presence:sync', { sessionId: 'another' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
  });

  it('gives the newcomers of one window the same list (encoded once for all of them)', async () => {
    const N = 30;
    const { people } = await freshSession(N);
    const firstLists: PresenceUpdated[] = [];
    await Promise.all(
      people.map(async (p) => {
        const socket = connectSocket(urlOf(0), p.token, ['websocket']);
        opened.push(socket);
        socket.once('presence:updated', (list) => firstLists.push(list));
        await vi.waitFor(() => expect(socket.connected).toBe(true), { timeout: 15_000 });
      }),
    );
    await vi.waitFor(() => expect(firstLists).toHaveLength(N), { timeout: 15_000 });
    const byRevision = new Map<number | undefined, string[]>();
    for (const list of firstLists) {
      byRevision.set(list.revision, [...(byRevision.get(list.revision) ?? []), JSON.stringify(list.participants)]);
    }
    // Joined at once, they share few windows; within one, each got the whole window's list.
    expect(byRevision.size).toBeLessThan(N / 2);
    for (const lists of byRevision.values()) expect(new Set(lists).size).toBe(1);
    const last = Math.max(...firstLists.map((l) => l.revision ?? 0));
    expect(firstLists.find((l) => l.revision === last)!.participants).toHaveLength(N);
  }, 60_000);

  it('sends each member of a 200-join storm O(N) bytes: each person about once', async () => {
    const N = 200;
    const WAVES = 10;
    const { people } = await freshSession(N);
    const watched: ReturnType<typeof watchPresence>[] = [];
    // Ten waves, each listed everywhere before the next: sending the list at each change
    // would give the first members about WAVES/2 whole lists; deltas give them one.
    for (let w = 0; w < WAVES; w++) {
      const wave = people.slice((w * N) / WAVES, ((w + 1) * N) / WAVES);
      watched.push(...(await Promise.all(wave.map((p, i) => watchedSocket(urlOf(i), p.token)))));
      const listed = ((w + 1) * N) / WAVES;
      await vi.waitFor(() => expect(watched.every((v) => v.mirror.size === listed)).toBe(true), {
        timeout: 15_000,
      });
    }
    const fullList = JSON.stringify({ sessionId: 'x', participants: watched[0]!.mirror.participants, revision: 0 });
    let total = 0;
    for (const v of watched) {
      total += v.counted.bytes;
      // One whole list's worth, plus a small envelope per delta (revision, ids): linear in N.
      expect(v.counted.bytes).toBeLessThan(1.3 * fullList.length + 150 * v.counted.deltas);
      expect(v.counted.lists).toBe(1);
    }
    expect(total).toBeLessThan(N * (1.3 * fullList.length + 150 * 3 * WAVES));
  }, 120_000);
});
