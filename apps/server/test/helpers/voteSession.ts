import { afterAll, beforeAll, expect } from 'vitest';
import type { JoinResponse, OrganisationType, VoteDto } from '@roundtable/protocol';
import {
  api,
  type connectSocket,
  connectedSocket,
  createSessionFixture,
  emitAck,
  type SessionFixture,
  startTestServer,
  type TestServer,
} from './testServer.js';

export type Sock = ReturnType<typeof connectSocket>;

/** What a vote test file shares: one server, one session in it, and the sockets its tests open. */
export interface SessionWithVoters {
  /** The server; filled in by `beforeAll` (read its fields inside tests and hooks only). */
  t: TestServer;
  /** The session of `createSessionFixture`; filled in by `beforeAll` likewise. */
  s: SessionFixture;
  /** A socket connected with `token`, closed after the file's tests. */
  socketFor(token: string): Promise<Sock>;
  /** A person joining by the participant code (checks the join succeeded). */
  joinAs(name: string, organisationType?: OrganisationType): Promise<JoinResponse>;
  /** Opens a vote as the facilitator, through `socket` or a new one; throws if it is refused. */
  openVote(payload: Record<string, unknown>, socket?: Sock): Promise<VoteDto>;
}

/**
 * Registers the `beforeAll`/`afterAll` of a vote test file: a real server with a session
 * (facilitator, participant, observer, a recommendation), and closes every socket it opened
 * and the server after the tests. `t` and `s` are the same objects throughout, so a file may
 * destructure them at its top.
 */
export function sessionWithVoters(): SessionWithVoters {
  const t = {} as TestServer;
  const s = {} as SessionFixture;
  const sockets: Sock[] = [];
  beforeAll(async () => {
    Object.assign(t, await startTestServer());
    Object.assign(s, await createSessionFixture(t.url));
  });
  afterAll(async () => {
    for (const sk of sockets) sk.close();
    await t.close?.();
  });
  const socketFor = (token: string): Promise<Sock> => connectedSocket(t.url, token, sockets);
  return {
    t,
    s,
    socketFor,
    async joinAs(name, organisationType) {
      const res = await api<JoinResponse>(t.url, 'POST', '/api/join', {
        code: s.created.codes.participant,
        name,
        ...(organisationType ? { organisationType } : {}),
      });
      expect(res.status).toBe(200);
      return res.body;
    },
    async openVote(payload, socket) {
      const res = await emitAck<{ vote: VoteDto }>(
        socket ?? (await socketFor(s.facilitator.token)),
        'vote:open',
        payload,
      );
      if (!res.ok) throw new Error(`vote:open refused: ${res.error.code} ${res.error.message}`);
      return res.vote;
    },
  };
}
