import { Router } from 'express';
import { JoinBody } from '@roundtable/protocol';
import { clientAddressKey } from '../clientAddress.js';
import type { HttpDeps } from '../deps.js';
import { parse } from '../validate.js';

export function joinRouter({ sessions }: HttpDeps): Router {
  const router = Router();
  router.post('/join', async (req, res) => {
    // req.ip honours X-Forwarded-For only when TRUST_PROXY is set.
    const result = await sessions.join(parse(JoinBody, req.body), clientAddressKey(req.ip));
    res.json(result);
  });
  return router;
}
