import { Router } from 'express';
import {
  CreateRecommendationBody,
  type RecommendationResponse,
  type RecommendationTextResponse,
} from '@roundtable/protocol';
import { requirePermission, requireSessionToken, claimsOf } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { parse } from '../validate.js';

export function recommendationsRouter({ sessions, admission, drafts, events }: HttpDeps): Router {
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

  router.get('/sessions/:sessionId/recommendations/:id', auth, async (req, res) => {
    const recommendation = await sessions.getRecommendation(claimsOf(res).sessionId, String(req.params.id));
    const body: RecommendationTextResponse = { recommendation, text: await drafts.readText(recommendation.id) };
    res.json(body);
  });

  return router;
}
