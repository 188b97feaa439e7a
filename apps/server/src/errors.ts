import { ERROR_STATUS, type ErrorCode } from '@roundtable/protocol';

/** The one error type of the server; the edges translate it (HTTP status, ack error). */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: unknown[],
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
