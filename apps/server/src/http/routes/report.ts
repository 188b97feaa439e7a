import { Router } from 'express';
import { z } from 'zod';
import { ReportFormat } from '@roundtable/protocol';
import { requirePermission, requireSessionToken } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { parse } from '../validate.js';

const ReportQuery = z.object({
  format: ReportFormat.default('md'),
  /** Names are left out unless the facilitator asks for them. */
  participants: z
    .enum(['1', 'true', '0', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
});

export function reportRouter({ reports, admission }: HttpDeps): Router {
  const router = Router();
  router.get('/sessions/:sessionId/report', requireSessionToken(admission), async (req, res) => {
    const claims = requirePermission(res, 'manageSession');
    const query = parse(ReportQuery, req.query);
    const file = await reports.render(claims.sessionId, query.format, query.participants);
    res
      .status(200)
      .type(file.contentType)
      .set('Content-Disposition', `attachment; filename="${file.filename}"`)
      .set('Cache-Control', 'no-store')
      .send(file.body);
  });
  return router;
}
