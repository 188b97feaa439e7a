import type { ParticipantRecord, Storage } from '../storage/Storage.js';
import type { TokenClaims, TokenService } from './tokens.js';

/** A token that passed, and the person it names as storage holds them now. */
export interface Admitted {
  claims: TokenClaims;
  participant: ParticipantRecord;
}

/**
 * Tokens are signed and stateless, yet a removed person (api-v1.1) or a deleted session
 * must be refused at once, on every instance: so every REST request, socket.io connection
 * and Yjs connection also looks its person up (one indexed read, compiled once). A
 * participant row gone (session deleted) or retired (removed, merged) refuses the token.
 */
export class Admission {
  constructor(
    private readonly tokens: TokenService,
    private readonly storage: Pick<Storage, 'people'>,
  ) {}

  async admit(token: unknown): Promise<Admitted | undefined> {
    const claims = this.tokens.verify(token);
    if (!claims) return undefined;
    const participant = await this.storage.people.getActiveParticipant(claims.sessionId, claims.participantId);
    return participant && { claims, participant };
  }
}
