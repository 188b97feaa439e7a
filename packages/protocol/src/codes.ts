/** Error codes of the REST envelope and of socket.io acks, with their HTTP status. */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  /** A ballot for a vote that is closed. */
  vote_closed: 409,
  /** A ballot that does not fit its vote: unknown option, over the dots budget, bad shape. */
  invalid_ballot: 400,
  /** A saved version over MAX_SAVED_VERSIONS_PER_RECOMMENDATION or _PER_SESSION (not in api-v1). */
  too_many_versions: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;
