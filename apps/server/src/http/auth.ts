import type { NextFunction, Request, Response } from 'express';
import { can, type Action } from '@roundtable/domain';
import type { Admission } from '../auth/Admission.js';
import type { TokenClaims } from '../auth/tokens.js';
import { AppError } from '../errors.js';
import type { Actor } from '../votes/VoteService.js';

const BEARER = /^Bearer ([A-Za-z0-9_.-]+)$/;

/**
 * Requires a valid token for the session named in the path (:sessionId), of a person
 * still in it (not removed, session not deleted). A token of another session is refused
 * like a forged one (api-v1: 401).
 */
export function requireSessionToken(admission: Admission) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const match = BEARER.exec(req.get('authorization') ?? '');
    const admitted = match ? await admission.admit(match[1]) : undefined;
    if (!admitted || admitted.claims.sessionId !== req.params.sessionId) {
      next(new AppError('unauthorized', 'a valid token for this session is required'));
      return;
    }
    res.locals.claims = admitted.claims;
    next();
  };
}

export function claimsOf(res: Response): TokenClaims {
  return res.locals.claims as TokenClaims;
}

/**
 * The caller as a vote actor. REST routes only read votes, so the stakeholder group
 * (used when casting) is not looked up here.
 */
export function actorOf(res: Response): Actor {
  const c = claimsOf(res);
  return { sessionId: c.sessionId, participantId: c.participantId, role: c.role, group: 'unspecified' };
}

/** Refuses the request with 403 unless the caller's role allows the action. */
export function requirePermission(res: Response, action: Action): TokenClaims {
  const claims = claimsOf(res);
  if (!can(claims.role, action)) throw new AppError('forbidden', `your role may not ${action}`);
  return claims;
}
