import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { pathOnly } from '../logger.js';

/**
 * Logs each response once it is sent: method, path (never the query string, which may carry
 * a token), status and duration. Successes at debug, client errors at info, server errors at
 * warn, so a production log at info shows what went wrong without every asset request.
 */
export function requestLogger(log: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const entry = {
        method: req.method,
        path: pathOnly(req.originalUrl),
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
      };
      if (res.statusCode >= 500) log.warn(entry, 'request failed');
      else if (res.statusCode >= 400) log.info(entry, 'request refused');
      else log.debug(entry, 'request');
    });
    next();
  };
}
