import { ROLES, type JoinResponse, type ParticipantDto } from '@roundtable/protocol';

/** What this browser keeps after joining a session, so a reload does not ask to join again. */
export interface SessionCredentials {
  sessionId: string;
  token: string;
  participant: ParticipantDto;
  /** The facilitator code, on a device where someone joined with it. */
  facilitatorCode?: string;
}

const keyOf = (sessionId: string) => `roundtable.session.${sessionId}`;
/** Which session a participant or observer code led to on this device (short codes only). */
const codeKeyOf = (code: string) => `roundtable.code.${code}`;

/** Copy for browsers where localStorage throws (private mode, policy): lasts as long as the tab. */
const memory = new Map<string, SessionCredentials>();
const memoryCodes = new Map<string, string>();

function isCredentials(value: unknown, sessionId: string): value is SessionCredentials {
  const v = value as Partial<SessionCredentials> | null;
  const p = v?.participant;
  return (
    v?.sessionId === sessionId &&
    typeof v.token === 'string' &&
    typeof p?.id === 'string' &&
    typeof p.name === 'string' &&
    (ROLES as readonly string[]).includes(p.role as string) &&
    (v.facilitatorCode === undefined || typeof v.facilitatorCode === 'string')
  );
}

/** Reads the stored credentials of a session; anything unreadable counts as "not joined". */
export function loadCredentials(sessionId: string): SessionCredentials | null {
  try {
    const raw = localStorage.getItem(keyOf(sessionId));
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (isCredentials(parsed, sessionId)) return parsed;
  } catch {
    // Storage disabled or corrupt JSON: fall back to this tab's copy.
  }
  return memory.get(sessionId) ?? null;
}

/**
 * Stores the outcome of a join. Pass the code used when it made the person facilitator:
 * it is then the only copy of the facilitator code (the server does not show it again).
 */
export function saveCredentials(joined: JoinResponse, facilitatorCode?: string): SessionCredentials {
  const credentials: SessionCredentials = {
    sessionId: joined.sessionId,
    token: joined.token,
    participant: joined.participant,
    ...(facilitatorCode ? { facilitatorCode } : {}),
  };
  memory.set(joined.sessionId, credentials);
  try {
    localStorage.setItem(keyOf(joined.sessionId), JSON.stringify(credentials));
  } catch {
    // Without storage the session still works in this tab, from `memory`.
  }
  return credentials;
}

/** Forgets a session whose token the server refused, so that joining again makes a new one. */
export function forgetCredentials(sessionId: string): void {
  memory.delete(sessionId);
  try {
    localStorage.removeItem(keyOf(sessionId));
  } catch {
    // Nothing stored.
  }
}

/**
 * Remembers that `code` (a participant or observer short code) led to `sessionId`, so that
 * following the same link or QR code again finds the person already joined. The facilitator
 * code, a secret, is never used as a key.
 */
export function rememberCode(code: string, sessionId: string): void {
  memoryCodes.set(code, sessionId);
  try {
    localStorage.setItem(codeKeyOf(code), sessionId);
  } catch {
    // This tab keeps it in `memoryCodes`.
  }
}

/** The credentials of the session this device joined with `code`, if any. */
export function credentialsForCode(code: string): SessionCredentials | null {
  let sessionId: string | null = null;
  try {
    sessionId = localStorage.getItem(codeKeyOf(code));
  } catch {
    // Storage disabled: fall back to this tab's copy.
  }
  sessionId ??= memoryCodes.get(code) ?? null;
  return sessionId ? loadCredentials(sessionId) : null;
}
