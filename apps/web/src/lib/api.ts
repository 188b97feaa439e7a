import {
  ERROR_STATUS,
  type AttendanceResponse,
  type AttendanceRow,
  type InvitationResponse,
  type InvitationsBody,
  type InvitationsResponse,
  type RotateCodesResponse,
  type SessionResponse,
  type CreateRecommendationBody,
  type CreateSessionBody,
  type CreateSessionResponse,
  type ErrorBody,
  type ErrorCode,
  type FrozenTextsResponse,
  type JoinBody,
  type JoinResponse,
  type Language,
  type PresenceResponse,
  type RecommendationResponse,
  type RecommendationTextResponse,
  type ReportFormat,
  type ReportLanguage,
  type SessionSnapshot,
  type QuestionsView,
} from '@roundtable/protocol/client';
import { takePrefetchedResponse } from './sessionPrefetch';
import type {
  AmendmentResponse,
  AmendmentsResponse,
  HistoryResponse,
  ProposeAmendmentBody,
  VersionResponse,
  VersionTextsResponse,
} from '@roundtable/protocol/client';

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
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  token?: string;
  signal?: AbortSignal;
  /** A GET the first-load script may have started already (sessionPrefetch.ts): its answer is used once. */
  prefetched?: boolean;
}

function isErrorBody(value: unknown): value is ErrorBody {
  const error = (value as Partial<ErrorBody> | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

function codeOfStatus(status: number): ErrorCode {
  const known = (Object.keys(ERROR_STATUS) as ErrorCode[]).find((code) => ERROR_STATUS[code] === status);
  return known ?? (status >= 500 ? 'unavailable' : 'invalid_request');
}

/** `promise`, or the abort of `signal` if it comes first (as a fetch with that signal would reject). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * The prefetched answer to `path` with `token`, if there is one and it is a success; null
 * otherwise, and the caller asks normally: a failed or refused prefetch costs one request more,
 * never a wrong page.
 */
async function prefetchedResponse(path: string, token: string, signal?: AbortSignal): Promise<Response | null> {
  const early = takePrefetchedResponse(path, token);
  if (!early) return null;
  const response = await untilAborted(
    early.catch(() => null),
    signal,
  );
  return response?.ok ? response : null;
}

async function request<T>(
  path: string,
  { method = 'GET', body, token, signal, prefetched = false }: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;

  let response: Response;
  try {
    response =
      (prefetched && method === 'GET' && token ? await prefetchedResponse(path, token, signal) : null) ??
      (await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      }));
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : String(cause));
  }

  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) throw failure(response, payload);
  return payload as T;
}

/** The error of a non-2xx answer, from our envelope when there is one. */
function failure(response: Response, payload: unknown): ApiError {
  if (isErrorBody(payload)) return new ApiError(response.status, payload.error.code, payload.error.message);
  // Something in between (a proxy, a gateway) answered without our envelope.
  return new ApiError(response.status, codeOfStatus(response.status), response.statusText);
}

/** A downloaded file, with the name the server gave it. */
export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/**
 * The file name of a Content-Disposition header: RFC 6266 `filename*` (UTF-8, percent-encoded)
 * first, then `filename`. Only the last path segment is kept, whatever the server sent.
 */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  let name: string | null = null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    try {
      name = decodeURIComponent(extended[2]!.trim().replace(/^"(.*)"$/, '$1'));
    } catch {
      name = null; // malformed escape: fall back to the plain parameter
    }
  }
  if (!name) {
    const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:\\.|[^"\\])*)"|([^;]+))/i.exec(header);
    name = plain ? (plain[1]?.replace(/\\(.)/g, '$1') ?? plain[2]!.trim()) : null;
  }
  const base = name?.split(/[\\/]/).pop()?.trim();
  return base ? base : null;
}

/** Fetches a file with the bearer token (a plain link could not send it). */
async function download(path: string, token: string, fallbackName: string): Promise<DownloadedFile> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
  } catch (cause) {
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : String(cause));
  }
  if (!response.ok) throw failure(response, await response.json().catch(() => null));
  return {
    blob: await response.blob(),
    filename: filenameFromDisposition(response.headers.get('Content-Disposition')) ?? fallbackName,
  };
}

const sessionPath = (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}`;
const recommendationPath = (sessionId: string, id: string) =>
  `${sessionPath(sessionId)}/recommendations/${encodeURIComponent(id)}`;

/** The REST calls of api-v1 the web app makes. All paths are same-origin. */
export const api = {
  createSession: (body: CreateSessionBody) => request<CreateSessionResponse>('/api/sessions', { method: 'POST', body }),

  join: (body: JoinBody) => request<JoinResponse>('/api/join', { method: 'POST', body }),

  /** The first one of a page load may be the first-load script's (sessionPrefetch.ts). */
  getSession: (sessionId: string, token: string, signal?: AbortSignal) =>
    request<SessionSnapshot>(sessionPath(sessionId), { token, signal, prefetched: true }),

  getPresence: (sessionId: string, token: string, signal?: AbortSignal) =>
    request<PresenceResponse>(`/api/sessions/${encodeURIComponent(sessionId)}/presence`, { token, signal }),

  createRecommendation: (sessionId: string, token: string, body: CreateRecommendationBody) =>
    request<RecommendationResponse>(`/api/sessions/${encodeURIComponent(sessionId)}/recommendations`, {
      method: 'POST',
      body,
      token,
    }),

  /** The exact texts a vote froze, every language version (votes carry only their hashes). */
  getFrozenTexts: (sessionId: string, token: string, voteId: string, signal?: AbortSignal) =>
    request<FrozenTextsResponse>(
      `/api/sessions/${encodeURIComponent(sessionId)}/votes/${encodeURIComponent(voteId)}/texts`,
      { token, signal },
    ),

  /** One language version's text and every version's alignment. */
  getRecommendation: (sessionId: string, token: string, id: string, lang: Language, signal?: AbortSignal) =>
    request<RecommendationTextResponse>(
      `/api/sessions/${encodeURIComponent(sessionId)}/recommendations/${encodeURIComponent(id)}?lang=${lang}`,
      { token, signal },
    ),

  // Amendments and history (api-v1 1.1).
  proposeAmendment: (sessionId: string, token: string, recommendationId: string, body: ProposeAmendmentBody) =>
    request<AmendmentResponse>(`${recommendationPath(sessionId, recommendationId)}/amendments`, {
      method: 'POST',
      body,
      token,
    }),

  getAmendments: (sessionId: string, token: string, recommendationId: string, signal?: AbortSignal) =>
    request<AmendmentsResponse>(`${recommendationPath(sessionId, recommendationId)}/amendments`, { token, signal }),

  getHistory: (sessionId: string, token: string, recommendationId: string, signal?: AbortSignal) =>
    request<HistoryResponse>(`${recommendationPath(sessionId, recommendationId)}/history`, { token, signal }),

  getVersion: (sessionId: string, token: string, recommendationId: string, versionId: string, signal?: AbortSignal) =>
    request<VersionTextsResponse>(
      `${recommendationPath(sessionId, recommendationId)}/history/${encodeURIComponent(versionId)}`,
      { token, signal },
    ),

  /** Facilitators: keeps the draft as it is now as a version, with an optional label. */
  saveVersion: (sessionId: string, token: string, recommendationId: string, label?: string) =>
    request<VersionResponse>(`${recommendationPath(sessionId, recommendationId)}/history`, {
      method: 'POST',
      body: label ? { label } : {},
      token,
    }),

  /** Facilitators: brings a version's texts back into the draft as a new edit (history is never rewritten). */
  restoreVersion: (sessionId: string, token: string, recommendationId: string, versionId: string) =>
    request<VersionResponse>(
      `${recommendationPath(sessionId, recommendationId)}/history/${encodeURIComponent(versionId)}/restore`,
      { method: 'POST', token },
    ),
  /** Questions from the room as this caller may see them (api-v1.1). */
  getQuestions: (sessionId: string, token: string, signal?: AbortSignal) =>
    request<QuestionsView>(`${sessionPath(sessionId)}/questions`, { token, signal }),

  // People (api-v1.1), facilitators only.
  invite: (sessionId: string, token: string, body: InvitationsBody) =>
    request<InvitationsResponse>(`${sessionPath(sessionId)}/invitations`, { method: 'POST', body, token }),

  getAttendance: (sessionId: string, token: string, signal?: AbortSignal) =>
    request<AttendanceResponse>(`${sessionPath(sessionId)}/attendance`, { token, signal }),

  downloadAttendance: (sessionId: string, token: string) =>
    download(`${sessionPath(sessionId)}/attendance?format=csv`, token, 'attendance.csv'),

  setOpenJoin: (sessionId: string, token: string, openJoin: boolean) =>
    request<SessionResponse>(sessionPath(sessionId), { method: 'PATCH', body: { openJoin }, token }),

  setPlace: (sessionId: string, token: string, place: string | null) =>
    request<SessionResponse>(sessionPath(sessionId), { method: 'PATCH', body: { place }, token }),

  setRetention: (sessionId: string, token: string, retentionDays: number | null) =>
    request<SessionResponse>(sessionPath(sessionId), { method: 'PATCH', body: { retentionDays }, token }),

  rotateCodes: (sessionId: string, token: string) =>
    request<RotateCodesResponse>(`${sessionPath(sessionId)}/codes/rotate`, { method: 'POST', token }),

  reissueCode: (sessionId: string, token: string, participantId: string) =>
    request<InvitationResponse>(`${sessionPath(sessionId)}/participants/${encodeURIComponent(participantId)}/code`, {
      method: 'POST',
      token,
    }),

  removeParticipant: (sessionId: string, token: string, participantId: string) =>
    request<null>(`${sessionPath(sessionId)}/participants/${encodeURIComponent(participantId)}`, {
      method: 'DELETE',
      token,
    }),

  mergeParticipants: (sessionId: string, token: string, into: string, from: string) =>
    request<{ person: AttendanceRow }>(`${sessionPath(sessionId)}/participants/merge`, {
      method: 'POST',
      body: { into, from },
      token,
    }),

  deleteSession: (sessionId: string, token: string) =>
    request<null>(sessionPath(sessionId), { method: 'DELETE', token }),

  /**
   * Facilitators: the session report as a file; `participants` also lists people by name;
   * `lang` a language or `fr+nl` (URLSearchParams encodes the + as %2B).
   */
  downloadReport: (
    sessionId: string,
    token: string,
    format: ReportFormat,
    participants: boolean,
    lang?: ReportLanguage,
  ) => {
    const query = new URLSearchParams({ format });
    if (lang) query.set('lang', lang);
    if (participants) query.set('participants', '1');
    return download(
      `/api/sessions/${encodeURIComponent(sessionId)}/report?${query.toString()}`,
      token,
      `roundtable-report.${format}`,
    );
  },
};
