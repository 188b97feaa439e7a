import { Router } from 'express';
import { CreateRecommendationBody, RecommendationTextQuery, type RecommendationResponse } from '@roundtable/protocol';
import { requirePermission, requireSessionToken, claimsOf } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { parse } from '../validate.js';

export function recommendationsRouter({ sessions, versions, admission, events }: HttpDeps): Router {
  const router = Router();
  const auth = requireSessionToken(admission);

  router.post('/sessions/:sessionId/recommendations', auth, async (req, res) => {
    const claims = requirePermission(res, 'manageSession');
    const recommendation = await sessions.createRecommendation(
      claims.sessionId,
      parse(CreateRecommendationBody, req.body),
    );
    events.recommendationCreated(claims.sessionId, recommendation);
    const body: RecommendationResponse = { recommendation };
    res.status(201).json(body);
  });

  // api-v1 1.1: ?lang= picks the language version; `versions` says how each one stands.
  router.get('/sessions/:sessionId/recommendations/:id', auth, async (req, res) => {
    const { lang } = parse(RecommendationTextQuery, req.query);
    res.json(await versions.read(claimsOf(res).sessionId, String(req.params.id), lang));
  });

  return router;
}
