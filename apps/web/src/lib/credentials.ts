import { ROLES, type JoinResponse, type ParticipantDto } from '@roundtable/protocol/client';

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

/** This tab's copy of everything stored, for browsers where localStorage throws (private mode, policy). */
const inTab = new Map<string, string>();

/** Stores `value` under `key` (null: removes it), in localStorage when it works and in this tab. */
function store(key: string, value: string | null): void {
  if (value === null) inTab.delete(key);
  else inTab.set(key, value);
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // The tab keeps working from `inTab`.
  }
}

/** What is stored under `key`: localStorage's copy first, then this tab's. */
function storedValues(key: string): string[] {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(key);
  } catch {
    // Storage disabled: this tab's copy only.
  }
  return [saved, inTab.get(key) ?? null].filter((v) => v !== null);
}

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
  for (const raw of storedValues(keyOf(sessionId))) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (isCredentials(parsed, sessionId)) return parsed;
    } catch {
      // Corrupt JSON: try the next copy.
    }
  }
  return null;
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
  store(keyOf(joined.sessionId), JSON.stringify(credentials));
  return credentials;
}

/** Forgets a session whose token the server refused, so that joining again makes a new one. */
export function forgetCredentials(sessionId: string): void {
  store(keyOf(sessionId), null);
}

/**
 * Remembers that `code` (a participant or observer short code) led to `sessionId`, so that
 * following the same link or QR code again finds the person already joined. The facilitator
 * code, a secret, is never used as a key.
 */
export function rememberCode(code: string, sessionId: string): void {
  store(codeKeyOf(code), sessionId);
}

/** The credentials of the session this device joined with `code`, if any. */
export function credentialsForCode(code: string): SessionCredentials | null {
  const [sessionId] = storedValues(codeKeyOf(code));
  return sessionId ? loadCredentials(sessionId) : null;
}
