import type { CreateSessionResponse, JoinResponse, RecommendationResponse } from '@roundtable/protocol';
import { inPool } from './clients.js';

/** Joins in flight at once; a venue joining is bursty but not 2,000 at the same instant. */
const JOIN_CONCURRENCY = 16;
/** One REST call that takes longer than this fails the case instead of hanging the run. */
const REQUEST_TIMEOUT_MS = 30_000;

export interface RoundtableDraft {
  sessionId: string;
  /** The facilitator's token (opens votes, reads tallies). */
  facilitatorToken: string;
  /** The recommendation id, which is the Yjs docName. */
  docName: string;
  /** Tokens of participants (may edit), in join order. */
  participantTokens: string[];
  /** Tokens of observers (read-only). */
  observerTokens: string[];
}

async function post<T>(base: string, path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${path} -> ${res.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

/**
 * What a meeting does before anyone types: the facilitator creates a session and
 * a recommendation, and everyone joins with the participant or observer code.
 */
export async function prepareRoundtableDraft(
  base: string,
  participants: number,
  observers: number,
): Promise<RoundtableDraft> {
  const created = await post<CreateSessionResponse>(base, '/api/sessions', {
    title: 'Bench: one draft, many readers',
    kind: 'round_table',
    themes: ['housing'],
  });
  const facilitator = await post<JoinResponse>(base, '/api/join', {
    code: created.codes.facilitator,
    name: 'Facilitator',
  });
  const rec = await post<RecommendationResponse>(
    base,
    `/api/sessions/${created.session.id}/recommendations`,
    { title: 'Bench draft' },
    facilitator.token,
  );
  const joinAll = async (code: string, count: number, prefix: string) => {
    const tokens = new Array<string>(count);
    await inPool(tokens, JOIN_CONCURRENCY, async (_, i) => {
      tokens[i] = (await post<JoinResponse>(base, '/api/join', { code, name: `${prefix} ${i + 1}` })).token;
    });
    return tokens;
  };
  return {
    sessionId: created.session.id,
    facilitatorToken: facilitator.token,
    docName: rec.recommendation.id,
    participantTokens: await joinAll(created.codes.participant, participants, 'Participant'),
    observerTokens: await joinAll(created.codes.observer, observers, 'Observer'),
  };
}
