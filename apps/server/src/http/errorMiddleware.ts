import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { ErrorBody } from '@roundtable/protocol';
import { AppError } from '../errors.js';

/** body-parser errors carry a `type`; these are the client's fault, not ours. */
const BODY_PARSER_ERRORS: Record<string, AppError> = {
  'entity.parse.failed': new AppError('invalid_request', 'the body is not valid JSON'),
  'entity.too.large': new AppError('payload_too_large', 'the body is too large'),
  'encoding.unsupported': new AppError('invalid_request', 'unsupported body encoding'),
  'charset.unsupported': new AppError('invalid_request', 'unsupported body charset'),
  'request.aborted': new AppError('invalid_request', 'the request was aborted'),
};

/** The one place where errors become HTTP responses: the envelope, never a stack trace. */
export function errorMiddleware(log: Logger) {
  // Express recognises error middleware by its four parameters.
  return (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const appError = toAppError(err);
    if (appError.code === 'internal') log.error({ err }, 'unhandled error');
    const body: ErrorBody = {
      error: {
        code: appError.code,
        message: appError.message,
        ...(appError.issues ? { issues: appError.issues } : {}),
      },
    };
    if (appError.retryAfterSeconds !== undefined) res.set('Retry-After', String(appError.retryAfterSeconds));
    res.status(appError.status).json(body);
  };
}

/**
 * Our own errors as they are; errors express and body-parser raise for the
 * client's input (bad JSON, bad path encoding, bad compression) as 4xx; the rest as 500.
 */
function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const { type, status } = (err ?? {}) as { type?: string; status?: number };
  if (type && BODY_PARSER_ERRORS[type]) return BODY_PARSER_ERRORS[type];
  if (err instanceof URIError) return new AppError('invalid_request', 'the path is not validly encoded');
  if (status === 413) return new AppError('payload_too_large', 'the body is too large');
  if (status !== undefined && status >= 400 && status < 500) {
    return new AppError('invalid_request', 'the request could not be read');
  }
  if (isStorageUnreachable(err)) return new AppError('unavailable', 'storage is unreachable for a moment; try again');
  return new AppError('internal', 'something went wrong on our side');
}

/** Network errors and PostgreSQL's connection-loss codes: the database is away, not broken. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P03',
  '08000',
  '08003',
  '08006',
]);

function isStorageUnreachable(err: unknown): boolean {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
  // node-postgres reports pool and connection timeouts with these messages and no code.
  return typeof message === 'string' && /timeout exceeded when trying to connect|Connection terminated/i.test(message);
}
