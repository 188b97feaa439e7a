import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { MAX_INVITATIONS_BODY_BYTES, MAX_JSON_BODY_BYTES } from '@roundtable/protocol';
import { AppError } from '../errors.js';
import type { HttpDeps } from './deps.js';
import { errorMiddleware } from './errorMiddleware.js';
import { requestLogger } from './requestLogger.js';
import { securityHeaders } from './securityHeaders.js';
import { healthRouter } from './routes/health.js';
import { joinRouter } from './routes/join.js';
import { peopleRouter } from './routes/people.js';
import { presenceRouter } from './routes/presence.js';
import { questionsRouter } from './routes/questions.js';
import { recommendationsRouter } from './routes/recommendations.js';
import { sessionsRouter } from './routes/sessions.js';
import { votesRouter } from './routes/votes.js';
import { reportRouter } from './routes/report.js';
import { webAssets } from './webAssets.js';

export interface HttpOptions {
  webDist: string;
  trustProxy: boolean;
}

/** The express app: /api, health probes and the built web app with its SPA fallback. */
export function createHttpApp(deps: HttpDeps, options: HttpOptions, log: Logger): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);
  app.use(securityHeaders);
  app.use(requestLogger(log));

  app.use(healthRouter(deps));

  const api = express.Router();
  // A list of up to 500 invitees is the one body allowed past MAX_JSON_BODY_BYTES; the
  // general parser below then finds it parsed and leaves it.
  api.post('/sessions/:sessionId/invitations', express.json({ limit: MAX_INVITATIONS_BODY_BYTES, strict: true }));
  api.use(express.json({ limit: MAX_JSON_BODY_BYTES, strict: true }));
  api.use(
    sessionsRouter(deps),
    joinRouter(deps),
    recommendationsRouter(deps),
    presenceRouter(deps),
    votesRouter(deps),
    reportRouter(deps),
    peopleRouter(deps),
    questionsRouter(deps),
  );
  api.use((_req, _res, next) => next(new AppError('not_found', 'no such endpoint')));
  app.use('/api', api);

  const index = join(options.webDist, 'index.html');
  if (existsSync(index)) {
    const web = webAssets(options.webDist);
    app.use(web.files);
    // Single-page app: unknown non-API paths return the app.
    app.get(/^(?!\/(api|yjs|socket\.io)\/).*/, web.index);
  } else {
    log.warn({ webDist: options.webDist }, 'web app not built; serving the API only');
  }

  app.use(errorMiddleware(log));
  return app;
}
