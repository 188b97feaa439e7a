import { ERROR_STATUS, type ErrorCode } from '@roundtable/protocol';

/** The one error type of the server; the edges translate it (HTTP status, ack error). */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: unknown[],
    /** For `rate_limited`: when to try again, sent as the Retry-After header. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  /** A 429 that says when the client may try again (whole seconds, at least 1). */
  static rateLimited(message: string, retryAfterMs: number): AppError {
    return new AppError('rate_limited', message, undefined, Math.max(1, Math.ceil(retryAfterMs / 1000)));
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
