import { Router } from 'express';
import { SaveVersionBody, type VersionResponse } from '@roundtable/protocol';
import { claimsOf, requirePermission, requireSessionToken } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { parse } from '../validate.js';

/** api-v1 1.1 "History": list, read, save and restore versions of a draft. */
export function historyRouter({ history, admission }: HttpDeps): Router {
  const router = Router();
  const auth = requireSessionToken(admission);
  const base = '/sessions/:sessionId/recommendations/:id/history';

  router.get(base, auth, async (req, res) => {
    res.json(await history.list(claimsOf(res).sessionId, String(req.params.id)));
  });

  router.post(base, auth, async (req, res) => {
    const claims = requirePermission(res, 'manageSession');
    const { label } = parse(SaveVersionBody, req.body ?? {});
    const body: VersionResponse = { version: await history.save(claims, String(req.params.id), label) };
    res.status(201).json(body);
  });

  router.get(`${base}/:versionId`, auth, async (req, res) => {
    res.json(await history.get(claimsOf(res).sessionId, String(req.params.id), String(req.params.versionId)));
  });

  // Brings a version back as a new edit; the history itself is never rewritten.
  router.post(`${base}/:versionId/restore`, auth, async (req, res) => {
    const claims = requirePermission(res, 'manageSession');
    const body: VersionResponse = {
      version: await history.restore(claims, String(req.params.id), String(req.params.versionId)),
    };
    res.json(body);
  });

  return router;
}
