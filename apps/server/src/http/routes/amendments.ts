import { Router } from 'express';
import { ProposeAmendmentBody, type AmendmentResponse, type AmendmentsResponse } from '@roundtable/protocol';
import { claimsOf, requireSessionToken } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { parse } from '../validate.js';

/** api-v1 1.1 "Amendments": propose one, list them. Deciding is `amendment:decide` (socket.io). */
export function amendmentsRouter({ amendments, admission }: HttpDeps): Router {
  const router = Router();
  const auth = requireSessionToken(admission);

  router.post('/sessions/:sessionId/recommendations/:id/amendments', auth, async (req, res) => {
    const body: AmendmentResponse = {
      amendment: await amendments.propose(claimsOf(res), String(req.params.id), parse(ProposeAmendmentBody, req.body)),
    };
    res.status(201).json(body);
  });

  router.get('/sessions/:sessionId/recommendations/:id/amendments', auth, async (req, res) => {
    const body: AmendmentsResponse = {
      amendments: await amendments.list(claimsOf(res).sessionId, String(req.params.id)),
    };
    res.json(body);
  });

  return router;
}
