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
    const type = (err as { type?: string } | null)?.type;
    const appError =
      err instanceof AppError
        ? err
        : (type && BODY_PARSER_ERRORS[type]) || new AppError('internal', 'something went wrong on our side');
    if (appError.code === 'internal') log.error({ err }, 'unhandled error');
    const body: ErrorBody = {
      error: {
        code: appError.code,
        message: appError.message,
        ...(appError.issues ? { issues: appError.issues } : {}),
      },
    };
    res.status(appError.status).json(body);
  };
}
