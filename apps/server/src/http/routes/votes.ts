import { Router } from 'express';
import { actorOf, requireSessionToken } from '../auth.js';
import { RecommendationTextQuery } from '@roundtable/protocol';
import type { HttpDeps } from '../deps.js';
import { parse } from '../validate.js';

export function votesRouter({ votes, admission }: HttpDeps): Router {
  const router = Router();
  // api-v1: facilitators always see the tally; others when results are live or the vote closed.
  router.get('/sessions/:sessionId/votes/:voteId', requireSessionToken(admission), async (req, res) => {
    res.json(await votes.get(actorOf(res), String(req.params.voteId)));
  });
  // The frozen texts themselves: snapshots and vote events carry their hashes only.
  router.get('/sessions/:sessionId/votes/:voteId/texts', requireSessionToken(admission), async (req, res) => {
    const { lang } = parse(RecommendationTextQuery, req.query);
    res.json(await votes.frozenTexts(actorOf(res), String(req.params.voteId), lang));
  });
  return router;
}
