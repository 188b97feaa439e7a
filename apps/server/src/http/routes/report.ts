import { Router } from 'express';
import { z } from 'zod';
import { ReportFormat, ReportLanguage } from '@roundtable/protocol';
import { requirePermission, requireSessionToken } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { AppError } from '../../errors.js';
import { parse } from '../validate.js';

/**
 * One language, or `fr+nl` side by side; the session's language when absent. A bare `+`
 * in a query string means a space, so `lang=fr+nl` arrives as "fr nl": read it as meant
 * (`fr%2Bnl` works too).
 */
const Lang = z.preprocess((v) => (typeof v === 'string' ? v.replace(/ /g, '+') : v), ReportLanguage.optional());

const ReportQuery = z.object({
  format: ReportFormat.default('md'),
  lang: Lang,
  /** Names are left out unless the facilitator asks for them. */
  participants: z
    .enum(['1', 'true', '0', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
});

/** The public summary's query: the published key (checked by the service) and a language. */
const SummaryQuery = z.object({ key: z.string().max(64), lang: Lang });
const SummaryParams = z.object({ sessionId: z.string().max(64) });

export function reportRouter({ reports, admission }: HttpDeps): Router {
  const router = Router();
  router.get('/sessions/:sessionId/report', requireSessionToken(admission), async (req, res) => {
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
  // No token: the key the facilitator published is the only credential. A wrong key and an
  // unpublished summary get the same 404, so the endpoint tells nothing about the session.
  router.get('/public/sessions/:sessionId/summary', async (req, res) => {
    const { sessionId } = parse(SummaryParams, req.params);
    const query = parse(SummaryQuery, req.query);
    const file = await reports.renderPublicSummary(sessionId, query.key, query.lang);
    if (!file) throw new AppError('not_found', 'no such summary');
    res
      .status(200)
      .type(file.contentType)
      .set('Cache-Control', 'no-store')
      .set('X-Robots-Tag', 'noindex')
      .set('Referrer-Policy', 'no-referrer')
      .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(file.body);
  });
  return router;
}
