import { Router } from 'express';
import { can } from '@roundtable/domain';
import { CreateSessionBody, type SessionSnapshot } from '@roundtable/protocol';
import { toSessionDto } from '../../sessions/SessionService.js';
import { actorOf, claimsOf, requireSessionToken } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { parse } from '../validate.js';

export function sessionsRouter({ sessions, votes, tokens }: HttpDeps): Router {
  const router = Router();

  router.post('/sessions', async (req, res) => {
    const created = await sessions.createSession(parse(CreateSessionBody, req.body));
    res.status(201).json(created);
  });

  router.get('/sessions/:sessionId', requireSessionToken(tokens), async (req, res) => {
    const claims = claimsOf(res);
    const session = await sessions.getSession(claims.sessionId);
    const snapshot: SessionSnapshot = {
      session: toSessionDto(session),
      me: { id: claims.participantId, name: claims.name, role: claims.role },
      recommendations: await sessions.listRecommendations(session.id),
      ...(can(claims.role, 'manageSession')
        ? { codes: { participant: session.participantCode, observer: session.observerCode } }
        : {}),
      agenda: [],
      votes: await votes.list(actorOf(res)),
    };
    res.json(snapshot);
  });

  return router;
}
