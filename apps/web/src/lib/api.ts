import {
  ERROR_STATUS,
  type CreateRecommendationBody,
  type CreateSessionBody,
  type CreateSessionResponse,
  type ErrorBody,
  type ErrorCode,
  type JoinBody,
  type JoinResponse,
  type PresenceResponse,
  type RecommendationResponse,
  type SessionSnapshot,
} from '@roundtable/protocol';

/** A failed API call. `code` is the server's error code, or `network` when no answer came. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  token?: string;
  signal?: AbortSignal;
}

function isErrorBody(value: unknown): value is ErrorBody {
  const error = (value as Partial<ErrorBody> | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

function codeOfStatus(status: number): ErrorCode {
  const known = (Object.keys(ERROR_STATUS) as ErrorCode[]).find((code) => ERROR_STATUS[code] === status);
  return known ?? (status >= 500 ? 'unavailable' : 'invalid_request');
}

async function request<T>(path: string, { method = 'GET', body, token, signal }: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : String(cause));
  }

  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (isErrorBody(payload)) throw new ApiError(response.status, payload.error.code, payload.error.message);
    // Something in between (a proxy, a gateway) answered without our envelope.
    throw new ApiError(response.status, codeOfStatus(response.status), response.statusText);
  }
  return payload as T;
}

/** The REST calls of api-v1 the web app makes. All paths are same-origin. */
export const api = {
  createSession: (body: CreateSessionBody) =>
    request<CreateSessionResponse>('/api/sessions', { method: 'POST', body }),

  join: (body: JoinBody) => request<JoinResponse>('/api/join', { method: 'POST', body }),

  getSession: (sessionId: string, token: string, signal?: AbortSignal) =>
    request<SessionSnapshot>(`/api/sessions/${encodeURIComponent(sessionId)}`, { token, signal }),

  getPresence: (sessionId: string, token: string, signal?: AbortSignal) =>
    request<PresenceResponse>(`/api/sessions/${encodeURIComponent(sessionId)}/presence`, { token, signal }),

  createRecommendation: (sessionId: string, token: string, body: CreateRecommendationBody) =>
    request<RecommendationResponse>(`/api/sessions/${encodeURIComponent(sessionId)}/recommendations`, {
      method: 'POST',
      body,
      token,
    }),
};
