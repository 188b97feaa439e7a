import { ERROR_STATUS, type ErrorCode } from '@roundtable/protocol/client';
import { ApiError } from '../../lib/api';
import type { ErrorKey } from '../shell/ErrorAlert';

/** A refused socket.io ack as an ApiError, so ErrorAlert translates it by code like a REST error. */
export function ackError(error: { code: ErrorCode; message: string }): ApiError {
  return new ApiError(ERROR_STATUS[error.code] ?? 0, error.code, error.message);
}

/** What the generic codes mean for each vote action (the server's English message is never shown). */
export const OPEN_ERRORS: Partial<Record<ErrorCode, ErrorKey>> = {
  invalid_request: 'errors.voteInvalid',
  not_found: 'errors.recommendationNotFound',
  conflict: 'errors.voteOpenConflict',
};
export const CAST_ERRORS: Partial<Record<ErrorCode, ErrorKey>> = {
  forbidden: 'errors.voteForbidden',
  not_found: 'errors.voteNotFound',
  invalid_request: 'errors.invalidBallot',
};
export const CLOSE_ERRORS: Partial<Record<ErrorCode, ErrorKey>> = {
  not_found: 'errors.voteNotFound',
};
export const DECIDE_ERRORS: Partial<Record<ErrorCode, ErrorKey>> = {
  not_found: 'errors.recommendationNotFound',
  // The only invalid decision a well-formed form sends: one against the vote without a reason.
  invalid_request: 'errors.decisionReasonNeeded',
  conflict: 'errors.decideConflict',
};
export const ROOM_COUNT_ERRORS: Partial<Record<ErrorCode, ErrorKey>> = {
  not_found: 'errors.voteNotFound',
  conflict: 'errors.roomCountsTooMany',
};
