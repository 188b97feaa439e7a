import { formatShortCode, isShortCode, normaliseShortCode } from '@roundtable/domain';
import type { OrganisationType } from '@roundtable/protocol/client';
import { api } from '../../lib/api';
import { credentialsForCode, rememberCode, saveCredentials, type SessionCredentials } from '../../lib/credentials';

export interface JoinInput {
  code: string;
  name: string;
  organisation?: string;
  organisationType?: OrganisationType;
}

/**
 * Short codes are typed from a projector, so case, spaces and the dash do not matter; the
 * facilitator code is a long secret that must be sent exactly as given.
 */
export function normaliseCode(input: string): string {
  const short = normaliseShortCode(input);
  return isShortCode(short) ? short : input.trim();
}

/** A short code as shown on the projector (XXXX-XXXX); anything else as it is. */
export function displayCode(code: string): string {
  return isShortCode(code) ? formatShortCode(code) : code;
}

/** A name the way people retype it: case, accents' composition and spaces aside. */
const nameKey = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();

/**
 * Joins a session and remembers it on this device. The same short code and the same name
 * on the same device are the same person: they get their participation back instead of a
 * second one (which would count twice in attendance and could vote twice).
 */
export async function joinSession(input: JoinInput): Promise<SessionCredentials> {
  const code = normaliseCode(input.code);
  const name = input.name.trim();
  const short = isShortCode(code);
  const already = short ? credentialsForCode(code) : null;
  if (already && nameKey(already.participant.name) === nameKey(name)) return already;
  const organisation = input.organisation?.trim();
  const joined = await api.join({
    code,
    name,
    ...(organisation ? { organisation } : {}),
    ...(input.organisationType ? { organisationType: input.organisationType } : {}),
  });
  if (short) rememberCode(code, joined.sessionId);
  return saveCredentials(joined, joined.participant.role === 'facilitator' ? code : undefined);
}
