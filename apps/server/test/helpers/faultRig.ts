import { afterEach, expect, vi } from 'vitest';
import type * as Y from 'yjs';
import type { JoinResponse, PresenceResponse } from '@roundtable/protocol';
import { fragmentToPlainText } from '@roundtable/domain/draftText';
import { spawnServer, type ServerProcess } from './serverProcess.js';
import { api, connectDoc, connectSocket, emitAck, type SessionFixture } from './testServer.js';

/*
 * What the faults tests (faults.test.ts, faults-postgres.test.ts, faults-rates.test.ts) share:
 * server processes and clients that are killed or closed after each test, and small readers.
 */

export type Sock = ReturnType<typeof connectSocket>;
export const emit = emitAck;

/**
 * Registers, in the calling test file, an `afterEach` that SIGKILLs the server processes
 * started by `spawn` and runs `cleanups` (last first); the clients below register their own.
 */
export function faultRig() {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  const children: ServerProcess[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) c.child.kill('SIGKILL');
    for (const clean of cleanups.splice(0).reverse()) await Promise.resolve(clean()).catch(() => undefined);
  });

  async function spawn(env: Record<string, string>): Promise<ServerProcess> {
    const server = await spawnServer(env);
    children.push(server);
    return server;
  }

  async function socketOn(url: string, token: string): Promise<Sock> {
    const socket = connectSocket(url, token, ['websocket']);
    cleanups.push(() => socket.close());
    await vi.waitFor(() => expect(socket.connected).toBe(true), { timeout: 10_000 });
    return socket;
  }

  function docOn(wsUrl: string, s: SessionFixture, token: string, doc?: Y.Doc) {
    const d = connectDoc(wsUrl, s.recommendationId, token, doc);
    cleanups.push(() => d.provider.destroy());
    return d;
  }

  return { cleanups, spawn, socketOn, docOn };
}

export const join = async (url: string, code: string, name: string) =>
  (await api<JoinResponse>(url, 'POST', '/api/join', { code, name })).body;

export const presenceNames = async (url: string, s: SessionFixture) =>
  (
    await api<PresenceResponse>(url, 'GET', `/api/sessions/${s.sessionId}/presence`, undefined, s.facilitator.token)
  ).body.participants
    .map((p) => p.name)
    .sort();

export const readyz = async (url: string) => (await fetch(`${url}/readyz`)).status;

export const lines = (body: Y.XmlFragment) => fragmentToPlainText(body).split('\n').filter(Boolean);
