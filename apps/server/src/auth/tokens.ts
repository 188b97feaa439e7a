import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { Role, TOKEN_TTL_MS } from '@roundtable/protocol';

/** What a token names. Compact keys keep the Yjs URL short. */
const ClaimsSchema = z.strictObject({
  v: z.literal(1),
  sid: z.string().min(1).max(64),
  pid: z.string().min(1).max(64),
  role: Role,
  name: z.string().max(200),
  exp: z.number().int(),
});

export interface TokenClaims {
  sessionId: string;
  participantId: string;
  role: Role;
  name: string;
  /** Expiry, ms since epoch. */
  expiresAt: number;
}

/**
 * Signs and verifies bearer tokens: base64url(JSON claims) "." base64url(HMAC-SHA256).
 * All instances share the secret, so a token works on any of them.
 */
export class TokenService {
  constructor(
    private readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {}

  sign(claims: Omit<TokenClaims, 'expiresAt'>, ttlMs = TOKEN_TTL_MS): string {
    const payload = Buffer.from(
      JSON.stringify({
        v: 1,
        sid: claims.sessionId,
        pid: claims.participantId,
        role: claims.role,
        name: claims.name,
        exp: this.now() + ttlMs,
      }),
    ).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The claims of a valid, unexpired token; undefined for anything else. */
  verify(token: unknown): TokenClaims | undefined {
    if (typeof token !== 'string' || token.length > 2048) return undefined;
    const [payload, mac, extra] = token.split('.');
    if (!payload || !mac || extra !== undefined) return undefined;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    const parsed = ClaimsSchema.safeParse(json);
    if (!parsed.success || parsed.data.exp <= this.now()) return undefined;
    const c = parsed.data;
    return { sessionId: c.sid, participantId: c.pid, role: c.role, name: c.name, expiresAt: c.exp };
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
