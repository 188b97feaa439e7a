import { Router } from 'express';
import type { QuestionsView } from '@roundtable/protocol';
import { claimsOf, requireSessionToken } from '../auth.js';
import type { HttpDeps } from '../deps.js';

/** Questions from the room (api-v1.1): the caller's view, as `questions:updated` gives it. */
export function questionsRouter({ questions, admission }: HttpDeps): Router {
  const router = Router();
  router.get('/sessions/:sessionId/questions', requireSessionToken(admission), async (_req, res) => {
    const { sessionId, participantId, role } = claimsOf(res);
    const body: QuestionsView = await questions.view({ sessionId, participantId, role });
    res.json(body);
  });
  return router;
}
