import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { expect, vi } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type {
  Ack,
  ClientToServerEvents,
  CreateSessionResponse,
  JoinResponse,
  PresenceSnapshot,
  RecommendationResponse,
  ServerToClientEvents,
} from '@roundtable/protocol';
import { DRAFT_BODY_FIELD } from '@roundtable/protocol';
import { PresenceMirror } from '@roundtable/domain';
import { TokenService } from '../../src/auth/tokens.js';
import { loadConfig } from '../../src/config.js';
import { createRoundtableServer, type RoundtableServer, type ServerTuning } from '../../src/createServer.js';

export interface TestServer {
  server: RoundtableServer;
  url: string;
  wsUrl: string;
  secret: string;
  dataDir: string;
  /** Signs tokens with the server's secret (for expired/other-session cases). */
  tokens: TokenService;
  close(): Promise<void>;
}

/** A real Roundtable server on port 0 with its own SQLite DATA_DIR. */
export async function startTestServer(
  env: Record<string, string> = {},
  tuning: ServerTuning = {},
  /** The server's logger; by default pino at TEST_LOG_LEVEL (silent). */
  log: Logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rt-test-'));
  const secret = randomBytes(32).toString('base64url');
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SECRET: secret, ...env });
  const server = await createRoundtableServer(config, log, tuning);
  const port = await server.listen();
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    secret: config.secret,
    dataDir,
    tokens: new TokenService(config.secret),
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function api<T = unknown>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export interface SessionFixture {
  created: CreateSessionResponse;
  sessionId: string;
  facilitator: JoinResponse;
  participant: JoinResponse;
  observer: JoinResponse;
  recommendationId: string;
}

/** A session with one recommendation and a facilitator, a participant and an observer joined. */
export async function createSessionFixture(base: string): Promise<SessionFixture> {
  const created = await api<CreateSessionResponse>(base, 'POST', '/api/sessions', {
    title: 'Table ronde logement',
    kind: 'round_table',
    themes: ['housing'],
  });
  const join = async (code: string, name: string) =>
    (await api<JoinResponse>(base, 'POST', '/api/join', { code, name })).body;
  const facilitator = await join(created.body.codes.facilitator, 'Anne');
  const participant = await join(created.body.codes.participant, 'Bram');
  const observer = await join(created.body.codes.observer, 'Chloé');
  const rec = await api<RecommendationResponse>(
    base,
    'POST',
    `/api/sessions/${created.body.session.id}/recommendations`,
    { title: 'Accès au logement', theme: 'housing' },
    facilitator.token,
  );
  return {
    created: created.body,
    sessionId: created.body.session.id,
    facilitator,
    participant,
    observer,
    recommendationId: rec.body.recommendation.id,
  };
}

/** The stock y-websocket provider, as browsers use it (ws stands in for the browser WebSocket). */
export function connectDoc(
  wsUrl: string,
  docName: string,
  token: string,
  doc = new Y.Doc(),
  /** y-websocket closes for good on 44xx codes; the web app retries some (apps/web draftProvider). */
  shouldReconnect?: (event: CloseEvent) => boolean,
) {
  const provider = new WebsocketProvider(`${wsUrl}/yjs`, docName, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    ...(shouldReconnect && { shouldReconnect }),
  });
  return { doc, provider, body: doc.getXmlFragment(DRAFT_BODY_FIELD) };
}

/** Appends a paragraph with text to a ProseMirror-shaped body fragment. */
export function appendParagraph(body: Y.XmlFragment, text: string): void {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  body.insert(body.length, [p]);
}

/** A socket.io client; by default as browsers connect: HTTP long-polling first, then upgrade. */
export function connectSocket(
  url: string,
  token: string | undefined,
  transports: ('polling' | 'websocket')[] = ['polling', 'websocket'],
): Socket<ServerToClientEvents, ClientToServerEvents> {
  return ioClient(url, { auth: token === undefined ? {} : { token }, transports, reconnection: false });
}

/**
 * A websocket-only client of `url`, resolved once connected; it is pushed onto `opened` so
 * the test file's afterAll closes it with the others.
 */
export async function connectedSocket(
  url: string,
  token: string,
  opened: { close(): void }[],
): Promise<ReturnType<typeof connectSocket>> {
  const socket = connectSocket(url, token, ['websocket']);
  opened.push(socket);
  await vi.waitFor(() => expect(socket.connected).toBe(true), { timeout: 15_000 });
  return socket;
}

/**
 * Emits an event with a payload and resolves with its ack. Any event name and payload
 * go through (tests send hostile ones on purpose), so the typed emitter is bypassed.
 */
export function emitAck<T extends object = object>(
  socket: ReturnType<typeof connectSocket>,
  event: string,
  payload: unknown,
): Promise<Ack<T>> {
  return (socket as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack<T>> }).emitWithAck(event, payload);
}

/** Opens a raw websocket to /yjs/<doc> and resolves with the close code and reason. */
export function rawYjs(wsUrl: string, docName: string, token?: string) {
  const ws = new WebSocket(`${wsUrl}/yjs/${docName}${token ? `?token=${encodeURIComponent(token)}` : ''}`);
  const received: Buffer[] = [];
  ws.on('message', (d: Buffer) => received.push(d));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const opened = new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('error', reject);
  });
  return { ws, received, closed, opened };
}

/**
 * Follows a socket's view of its session's presence as a client does: the whole list on
 * connect, then `presence:changed` deltas, and `presence:sync` when one was missed.
 * `bytes` counts the JSON of every presence message received (snapshots, deltas, syncs).
 */
export function watchPresence(socket: ReturnType<typeof connectSocket>) {
  const mirror = new PresenceMirror();
  const counted = { bytes: 0, lists: 0, deltas: 0, syncs: 0 };
  const resync = () => {
    counted.syncs += 1;
    void emitAck<PresenceSnapshot>(socket, 'presence:sync', undefined).then((ack) => {
      if (!ack.ok) return;
      counted.bytes += JSON.stringify(ack).length;
      if (mirror.snapshot(ack) === 'gap') resync();
    });
  };
  socket.on('presence:updated', (list) => {
    counted.bytes += JSON.stringify(list).length;
    counted.lists += 1;
    if (mirror.snapshot(list) === 'gap') resync();
  });
  socket.on('presence:changed', (delta) => {
    counted.bytes += JSON.stringify(delta).length;
    counted.deltas += 1;
    if (mirror.changed(delta) === 'gap') resync();
  });
  // Watched after it connected: the list it got on connect went by unheard; ask for it.
  if (socket.connected) resync();
  return {
    mirror,
    counted,
    names: () => mirror.participants.map((p) => p.name),
  };
}
