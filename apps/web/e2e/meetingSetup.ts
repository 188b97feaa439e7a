import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  ClientToServerEvents,
  CreateSessionResponse,
  JoinResponse,
  RecommendationResponse,
  ServerToClientEvents,
  VoteDto,
} from '@roundtable/protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { DRAFT_BODY_FIELD, draftBodyField } from '@roundtable/protocol';
import { browserSuite, type BrowserSuite } from './harness.js';

/**
 * A meeting set up from Node through the public API (REST and socket.io), so a browser test
 * starts at the screen it checks: a session, a recommendation, voters in three groups, an
 * approval vote split by group, cast and closed.
 */
export interface Meeting {
  created: CreateSessionResponse;
  facilitator: JoinResponse;
  recommendationId: string;
  voters: JoinResponse[];
  socket(token: string): Promise<Socket<ServerToClientEvents, ClientToServerEvents>>;
  close(): void;
}

async function post<T>(base: string, path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path} -> ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const GROUPS = ['civil_society', 'administration', 'local_authority'] as const;

/**
 * Writes one paragraph into a draft through the Yjs endpoint, as an editor would (a draft
 * with no text cannot be put to a vote), and waits until the server's copy has it.
 */
export async function writeDraft(
  base: string,
  sessionId: string,
  docName: string,
  token: string,
  text: string,
  /** A language version other than the first (api-v1 1.1): its `lang` and XmlFragment. */
  version?: { lang: string; field: string },
): Promise<void> {
  const ydoc = new Y.Doc();
  const provider = new WebsocketProvider(`${base.replace(/^http/, 'ws')}/yjs`, docName, ydoc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  try {
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(text)]);
    ydoc.getXmlFragment(version?.field ?? DRAFT_BODY_FIELD).insert(0, [paragraph]);
    const query = version ? `?lang=${version.lang}` : '';
    for (let i = 0; i < 100; i++) {
      const res = await fetch(`${base}/api/sessions/${sessionId}/recommendations/${docName}${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.ok && ((await res.json()) as { text: string }).text.includes(text)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the draft ${docName} never got its text`);
  } finally {
    provider.destroy();
    ydoc.destroy();
  }
}

export async function setUpMeeting(
  base: string,
  options: {
    title: string;
    language: 'fr' | 'nl' | 'en';
    recommendation: string;
    /** api-v1 1.1: a second language, with the recommendation's title and text in it. */
    second?: { language: 'fr' | 'nl' | 'en'; title: string; text: string };
  },
): Promise<Meeting> {
  const { second } = options;
  const created = await post<CreateSessionResponse>(base, '/api/sessions', {
    title: options.title,
    kind: 'round_table',
    language: options.language,
    ...(second ? { languages: [options.language, second.language] } : {}),
  });
  const facilitator = await post<JoinResponse>(base, '/api/join', { code: created.codes.facilitator, name: 'Anne' });
  const rec = await post<RecommendationResponse>(
    base,
    `/api/sessions/${created.session.id}/recommendations`,
    { title: options.recommendation, ...(second ? { titles: { [second.language]: second.title } } : {}) },
    facilitator.token,
  );
  await writeDraft(base, created.session.id, rec.recommendation.id, facilitator.token, `${options.recommendation}.`);
  if (second) {
    const field = draftBodyField(second.language, [options.language, second.language]);
    await writeDraft(base, created.session.id, rec.recommendation.id, facilitator.token, second.text, {
      lang: second.language,
      field,
    });
  }
  const voters: JoinResponse[] = [];
  for (let i = 0; i < 9; i++) {
    voters.push(
      await post<JoinResponse>(base, '/api/join', {
        code: created.codes.participant,
        name: `Voter ${i + 1}`,
        organisationType: GROUPS[i % GROUPS.length],
      }),
    );
  }
  const open: Socket[] = [];
  const socket = async (token: string) => {
    const s: Socket<ServerToClientEvents, ClientToServerEvents> = io(base, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
    });
    open.push(s);
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });
    return s;
  };
  return {
    created,
    facilitator,
    recommendationId: rec.recommendation.id,
    voters,
    socket,
    close: () => {
      for (const s of open) s.close();
    },
  };
}

/** A browser suite with one meeting set up before the file's tests and closed after them. */
export interface MeetingSuite extends BrowserSuite {
  /** The meeting (set once `beforeAll` has run). */
  readonly meeting: Meeting;
}

/**
 * `browserSuite(prefix)`, and a meeting set up on its server with `options` (then `prepare`d,
 * e.g. votes cast) before the file's tests; its sockets are closed after them.
 */
export function meetingSuite(
  prefix: string,
  options: Parameters<typeof setUpMeeting>[1],
  prepare?: (meeting: Meeting) => Promise<unknown>,
): MeetingSuite {
  const suite = browserSuite(prefix);
  let meeting: Meeting | undefined;
  beforeAll(async () => {
    meeting = await setUpMeeting(suite.url, options);
    await prepare?.(meeting);
  });
  // Registered after the suite's own: with vitest's stacked hooks it runs first, before the server stops.
  afterAll(() => meeting?.close());
  return {
    get url() {
      return suite.url;
    },
    get meeting() {
      if (!meeting) throw new Error('the meeting is not set up yet (use the suite inside a test)');
      return meeting;
    },
    newContext: suite.newContext,
    newPage: suite.newPage,
    shot: suite.shot,
    shootOnFailure: suite.shootOnFailure,
  };
}

type Emit = (event: string, payload: unknown) => Promise<Ack<Record<string, unknown>>>;
export async function must<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const res = await (socket.emitWithAck as unknown as Emit)(event, payload);
  if (!res.ok) throw new Error(`${event} refused: ${res.error.code} ${res.error.message}`);
  return res as unknown as T;
}

/** Opens an approval vote split by group (about the recommendation, or a question), every voter casts, and it closes. */
export async function voteAndClose(
  meeting: Meeting,
  options: { close?: boolean; question?: string } = {},
): Promise<VoteDto> {
  const fac = await meeting.socket(meeting.facilitator.token);
  const { vote } = await must<{ vote: VoteDto }>(fac, 'vote:open', {
    method: 'approval',
    ...(options.question ? { question: options.question } : { recommendationId: meeting.recommendationId }),
    splitByGroup: true,
  });
  const choices = ['for', 'for', 'against', 'abstain'] as const;
  for (const [i, voter] of meeting.voters.entries()) {
    const s = await meeting.socket(voter.token);
    await must(s, 'vote:cast', { voteId: vote.id, ballot: { choice: choices[i % choices.length] } });
  }
  if (options.close ?? true) await must(fac, 'vote:close', { voteId: vote.id });
  return vote;
}

/** Puts this browser context's credentials in place, as after joining. */
export async function joinedAs(page: Page, joined: JoinResponse): Promise<void> {
  await page
    .context()
    .addInitScript(([key, value]) => localStorage.setItem(key, value), [
      `roundtable.session.${joined.sessionId}`,
      JSON.stringify({ sessionId: joined.sessionId, token: joined.token, participant: joined.participant }),
    ] as const);
}

/** The page's width in CSS pixels that its content asks for (over the viewport: horizontal scroll). */
export const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
