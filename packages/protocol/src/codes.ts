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

/**
 * Close codes of the Yjs websocket. 4000-4999 are free for applications;
 * we mirror HTTP statuses so a reader can guess the meaning (as Hocuspocus does).
 */
export const YJS_CLOSE = {
  /** A frame that does not decode as y-protocols sync/awareness. */
  malformedMessage: 4400,
  /** Missing, forged, expired or other-session token. */
  unauthorized: 4401,
  /** The document is not a recommendation of the token's session. */
  notFound: 4404,
  /** The client cannot keep up: its send buffer passed the named limit. */
  tooSlow: 4408,
  /**
   * An update would take the document past MAX_DRAFT_BYTES: it is not applied, and what the
   * server already holds stays. Final: the client's copy holds the refused change, so a
   * reconnection would send it again.
   */
  documentTooLarge: 4413,
  /** The client sent frames faster than YJS_MESSAGE_RATE or YJS_BYTE_RATE allows. */
  rateLimited: 4429,
  /** An awareness frame holds a client state over MAX_AWARENESS_STATE_BYTES. */
  awarenessTooLarge: 4431,
  /** A frame larger than MAX_YJS_MESSAGE_BYTES (ws itself closes with 1009). */
  messageTooLarge: 1009,
  /** The server is shutting down; clients reconnect. */
  goingAway: 1001,
} as const;
export type YjsCloseCode = (typeof YJS_CLOSE)[keyof typeof YJS_CLOSE];

/**
 * Reasons the server gives with a Yjs close code. Clients tell some apart where codes are
 * shared: `erased` notes close with `notFound` like a missing document, and the web
 * stops retrying them for good.
 */
export const YJS_CLOSE_REASON = {
  unauthorized: 'unauthorized',
  noSuchDocument: 'no such document',
  erased: 'erased',
  shuttingDown: 'server shutting down',
  storageUnavailable: 'storage unavailable',
  documentUnavailable: 'document unavailable',
  tooSlow: 'too slow',
  rateLimited: 'rate limited',
  /** The participant was removed, merged into another row, or their session deleted. */
  removed: 'removed',
  /** The session was deleted: its documents are gone. */
  sessionDeleted: 'session deleted',
  documentTooLarge: 'document too large',
  awarenessTooLarge: 'awareness state too large',
} as const;
