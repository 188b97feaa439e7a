import { Router } from 'express';
import type { HttpDeps } from '../deps.js';

/** A check that has not answered within this long counts as down. */
const READINESS_TIMEOUT_MS = 2_000;

const withTimeout = (check: Promise<boolean>) =>
  Promise.race([
    check.catch(() => false),
    new Promise<boolean>((resolve) => setTimeout(resolve, READINESS_TIMEOUT_MS, false).unref()),
  ]);

export function healthRouter({ storage, readinessChecks }: HttpDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all([storage.ping(), ...readinessChecks.map((c) => c())].map(withTimeout));
    const ready = results.every(Boolean);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable' });
  });
  return router;
}
