import { Router } from 'express';
import { can } from '@roundtable/domain';
import { CreateSessionBody, type SessionSnapshot } from '@roundtable/protocol';
import type { TokenClaims } from '../../auth/tokens.js';
import { toSessionDto } from '../../sessions/SessionService.js';
import { actorOf, claimsOf, requireSessionToken } from '../auth.js';
import { clientAddressKey } from '../clientAddress.js';
import type { HttpDeps } from '../deps.js';
import { parse } from '../validate.js';

export function sessionsRouter({ sessions, votes, facilitation, admission }: HttpDeps): Router {
  const router = Router();

  router.post('/sessions', async (req, res) => {
    const created = await sessions.createSession(parse(CreateSessionBody, req.body), clientAddressKey(req.ip));
    res.status(201).json(created);
  });

  router.get('/sessions/:sessionId', requireSessionToken(admission), async (_req, res) => {
    const claims = claimsOf(res);
    const session = await sessions.getSession(claims.sessionId);
    const snapshot: SessionSnapshot = {
      session: toSessionDto(session),
      me: { id: claims.participantId, name: claims.name, role: claims.role },
      recommendations: await sessions.listRecommendations(session.id),
      ...(can(claims.role, 'manageSession')
        ? { codes: { participant: session.participantCode, observer: session.observerCode } }
        : {}),
      ...(await meetingFields(facilitation, session.id, claims.role)),
      votes: await votes.list(actorOf(res)),
    };
    res.json(snapshot);
  });

  return router;
}

/** The agenda (api-v1) and the whole meeting state as the caller's role sees it. */
async function meetingFields(facilitation: HttpDeps['facilitation'], sessionId: string, role: TokenClaims['role']) {
  const meeting = await facilitation.view(sessionId, role);
  return { agenda: meeting?.agenda ?? [], ...(meeting ? { meeting } : {}) };
}
