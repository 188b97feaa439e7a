/** Limits shared by server and clients; named so no magic number hides in the code. */

/**
 * Largest Yjs state of one document (a draft or intervision notes), as the server encodes it
 * (`Y.encodeStateAsUpdate`). A recommendation is a few pages (~20 KB of text); 1 MiB holds
 * about 300 pages of plain text, or a few pages with hours of co-editing history. An update
 * that would take a document past it is refused (close 4413, `YJS_CLOSE.documentTooLarge`).
 */
export const MAX_DRAFT_BYTES = 1024 * 1024;
/**
 * Largest Yjs websocket frame accepted: a whole draft at its limit sent at once (a paste, or
 * the sync of a client that edited offline), with room for the framing. Over it, `ws` closes
 * the connection with 1009.
 */
export const MAX_YJS_MESSAGE_BYTES = MAX_DRAFT_BYTES + 64 * 1024;
/**
 * Largest awareness state of one client (JSON bytes): a name, a colour and a caret take
 * ~300 bytes. A frame holding a larger one is refused (close 4431).
 */
export const MAX_AWARENESS_STATE_BYTES = 4 * 1024;
/**
 * Heartbeat of the Yjs endpoint (docs/protocol.md, "Heartbeat"): the server sends every
 * connection a frame at least this often, so a client that hears nothing for
 * `YJS_SILENCE_MS` knows the path is dead (Wi-Fi up, packets dropped) and reconnects,
 * rather than showing "Connected" until the stock client's 30 s timeout.
 */
export const YJS_KEEPALIVE_MS = 2_000;
/** A synced Yjs connection that received nothing for this long is closed and reopened by the client. */
export const YJS_SILENCE_MS = 5_000;
/**
 * The socket.io engine heartbeat: the server pings this often and drops a client whose pong
 * takes longer than `SOCKET_PING_TIMEOUT_MS`; a client that gets no ping for their sum
 * (6.5 s) reconnects, and the meeting state says it may be stale meanwhile.
 */
export const SOCKET_PING_INTERVAL_MS = 2_500;
export const SOCKET_PING_TIMEOUT_MS = 4_000;
/** Largest REST body accepted. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;
/** A presence entry not refreshed for this long is gone (api-v1: within 30 s). */
export const PRESENCE_TTL_MS = 20_000;
/** How often an instance refreshes the presence of its own connections. */
export const PRESENCE_HEARTBEAT_MS = 5_000;
/**
 * At most one `presence:changed` per session this often: a change in a quiet session goes at
 * once, those that follow within this window together. A venue joining at once makes a handful
 * of messages, each person sent to each member about once; its newcomers share one list per window.
 */
export const PRESENCE_CHANGE_WINDOW_MS = 150;
/**
 * Distinct wrong codes allowed per client address within JOIN_FAILURE_WINDOW_MS; past it,
 * joins from that address get 429 (with Retry-After) until old failures age out, except
 * into a session already joined from that address in the window (so one guesser behind a
 * venue's NAT does not lock the room out; it learns nothing it did not know). The same
 * wrong code counts once. Sized for a venue of 1,000 people behind one NAT address
 * mistyping now and then, while a guesser gets ~100 tries per 10 min against a space of
 * 31^8 ≈ 8.5e11 short codes. An IPv6 address counts as its /64 (one host's usual share).
 */
export const JOIN_FAILURE_LIMIT = 100;
export const JOIN_FAILURE_WINDOW_MS = 10 * 60_000;
/**
 * Successful joins per client address per JOIN_SUCCESS_WINDOW_MS. api-v1: a venue of 1,000
 * people behind one NAT address joins within a minute; this lets it do so three times over
 * (rejoins after the Wi-Fi drops) while one script cannot fill the database with
 * participants (before: unbounded).
 */
export const JOIN_SUCCESS_LIMIT = 3_000;
export const JOIN_SUCCESS_WINDOW_MS = 10 * 60_000;
/**
 * Sessions created per client address per SESSION_CREATE_WINDOW_MS: a trainer preparing a
 * week of workshops stays well under it; a script creating thousands (632/s were seen)
 * does not. SESSION_CREATE_GLOBAL_LIMIT caps the whole instance, whatever the addresses:
 * ten sessions a minute, far above a regional deployment's real use.
 */
export const SESSION_CREATE_LIMIT = 20;
export const SESSION_CREATE_GLOBAL_LIMIT = 600;
export const SESSION_CREATE_WINDOW_MS = 60 * 60_000;
/** How long a join token is valid. A meeting day, with margin. */
export const TOKEN_TTL_MS = 24 * 60 * 60_000;
/** Length of the short participant/observer codes (without the display dash). */
export const SHORT_CODE_LENGTH = 8;
/** Alphabet of short codes: no 0/O, 1/I/L, so they can be typed from a projector. */
export const SHORT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/**
 * Frames per second a Yjs connection may send, with a burst. Typing and caret moves
 * stay well under it. Past the burst, an update closes the connection (4429) and the
 * client's reconnection sends the server what it lacks; a caret (awareness) is dropped,
 * and a whole burst of dropped carets closes it too.
 */
export const YJS_MESSAGE_RATE = { perSecond: 100, burst: 500 } as const;
/**
 * Bytes per second a Yjs connection may send, with a burst: the frame count alone let 150
 * frames of ~1.9 MiB through in 10 s. The burst holds two frames at MAX_YJS_MESSAGE_BYTES (a
 * draft-sized paste and the reconnection sync after it); the rate is 64 times what a fast
 * typist sends (~1 KiB/s of updates and carets) and refills a whole burst in ~34 s. Over
 * it, the frame is not handled and the connection is closed with 4429, like the frame rate.
 */
export const YJS_BYTE_RATE = { perSecond: 64 * 1024, burst: 2 * MAX_YJS_MESSAGE_BYTES } as const;
/**
 * socket.io events per second a connection may send, with a burst. Over it, events are
 * refused (`rate_limited` in the ack); a connection that keeps on is disconnected.
 */
export const SOCKET_EVENT_RATE = { perSecond: 20, burst: 60 } as const;

/** People one `POST .../invitations` may invite (api-v1.1). */
export const MAX_INVITATIONS = 500;
/**
 * Largest body of `POST .../invitations`: 500 people at the longest name (80) and
 * organisation (120), in 4-byte characters, with JSON overhead, fit under it.
 */
export const MAX_INVITATIONS_BODY_BYTES = 512 * 1024;
/**
 * Length of a personal invitation code: 14 characters of SHORT_CODE_ALPHABET (31 symbols)
 * carry 14 x log2(31) ≈ 69 bits, above the 64 bits api-v1.1 asks, and are still typed
 * from a printed card (shown in groups of four or five).
 */
export const PERSONAL_CODE_LENGTH = 14;
/** Longest retention a session may set before names become "Participant 1…n" (10 years). */
export const MAX_RETENTION_DAYS = 3650;
/** How often each instance looks for sessions whose names are due to be replaced. */
export const RETENTION_SWEEP_MS = 60 * 60_000;
/** How long the last-seen times of leaving connections are gathered before one write. */
export const SEEN_FLUSH_MS = 1_000;

/** Longest question from the room (api-v1.1: 1..500 characters). */
export const MAX_QUESTION_LENGTH = 500;
/**
 * Pending questions one person may have at once (all devices together): enough for a
 * follow-up or two, not enough to flood the facilitator's moderation list.
 */
export const MAX_PENDING_QUESTIONS_PER_PERSON = 3;
/**
 * Questions a session holds. Every change sends the list to each audience, so it is
 * bounded: 500 questions at 500 characters keep one view under ~300 KB.
 */
export const MAX_QUESTIONS_PER_SESSION = 500;
