import { Router } from 'express';
import { z } from 'zod';
import { ReportFormat, ReportLanguage } from '@roundtable/protocol';
import { requirePermission, requireSessionToken } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { parse } from '../validate.js';

const ReportQuery = z.object({
  format: ReportFormat.default('md'),
  /**
   * One language, or `fr+nl` side by side; the session's language when absent. A bare `+`
   * in a query string means a space, so `lang=fr+nl` arrives as "fr nl": read it as meant
   * (`fr%2Bnl` works too).
   */
  lang: z.preprocess((v) => (typeof v === 'string' ? v.replace(/ /g, '+') : v), ReportLanguage.optional()),
  /** Names are left out unless the facilitator asks for them. */
  participants: z
    .enum(['1', 'true', '0', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
});

export function reportRouter({ reports, tokens }: HttpDeps): Router {
  const router = Router();
  router.get('/sessions/:sessionId/report', requireSessionToken(tokens), async (req, res) => {
    const claims = requirePermission(res, 'manageSession');
    const query = parse(ReportQuery, req.query);
    const file = await reports.render(claims.sessionId, query.format, query.participants, query.lang);
    res
      .status(200)
      .type(file.contentType)
      .set('Content-Disposition', `attachment; filename="${file.filename}"`)
      .set('Cache-Control', 'no-store')
      .send(file.body);
  });
  return router;
}
