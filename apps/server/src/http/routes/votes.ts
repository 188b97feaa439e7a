import { Router } from 'express';
import { actorOf, requireSessionToken } from '../auth.js';
import type { HttpDeps } from '../deps.js';

export function votesRouter({ votes, admission }: HttpDeps): Router {
  const router = Router();
  // api-v1: facilitators always see the tally; others when results are live or the vote closed.
  router.get('/sessions/:sessionId/votes/:voteId', requireSessionToken(admission), async (req, res) => {
    res.json(await votes.get(actorOf(res), String(req.params.voteId)));
  });
  return router;
}
