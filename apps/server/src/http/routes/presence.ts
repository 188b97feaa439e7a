import { Router } from 'express';
import type { PresenceResponse } from '@roundtable/protocol';
import { claimsOf, requireSessionToken } from '../auth.js';
import type { HttpDeps } from '../deps.js';

export function presenceRouter({ admission, presence }: HttpDeps): Router {
  const router = Router();
  router.get('/sessions/:sessionId/presence', requireSessionToken(admission), async (_req, res) => {
    const body: PresenceResponse = { participants: await presence.list(claimsOf(res).sessionId) };
    res.json(body);
  });
  return router;
}
