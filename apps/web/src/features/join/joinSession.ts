import { formatShortCode, isShortCode, normaliseShortCode } from '@roundtable/domain';
import type { OrganisationType } from '@roundtable/protocol';
import { api } from '../../lib/api';
import { saveCredentials, type SessionCredentials } from '../../lib/credentials';

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

/** Joins a session and remembers it on this device. */
export async function joinSession(input: JoinInput): Promise<SessionCredentials> {
  const code = normaliseCode(input.code);
  const organisation = input.organisation?.trim();
  const joined = await api.join({
    code,
    name: input.name.trim(),
    ...(organisation ? { organisation } : {}),
    ...(input.organisationType ? { organisationType: input.organisationType } : {}),
  });
  return saveCredentials(joined, joined.participant.role === 'facilitator' ? code : undefined);
}
