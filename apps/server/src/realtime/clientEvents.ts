import type { Logger } from 'pino';
import {
  CLIENT_EVENTS,
  CLIENT_EVENT_NAMES,
  type AckBody,
  type ClientEventName,
  type ClientEventSpec,
  type ParsedPayload,
  type SocketData,
} from '@roundtable/protocol';
import { AppError } from '../errors.js';
import { ackHandler } from './ackHandler.js';

/** The service call behind each client event: gets the parsed payload of a sender allowed to send it. */
export type EventHandlers = {
  [E in ClientEventName]: (actor: SocketData, payload: ParsedPayload<E>) => Promise<AckBody<E>>;
};

/** What registerClientEvents needs of a socket (a socket.io Socket; a fake in unit tests). */
export interface EventSocket {
  readonly data: SocketData;
  on(event: string, listener: (payload: unknown, ack: unknown) => void): unknown;
}

/** Message of `forbidden` for a role an event's row names no message for. */
const NOT_ALLOWED = 'you may not do this';

/**
 * Parses the payload, then checks the sender's role against the row (the order the
 * services kept before the table: a malformed message is `invalid_request` from anyone).
 * Throws the AppError acked to the sender.
 */
export function admit<E extends ClientEventName>(event: E, actor: SocketData, payload: unknown): ParsedPayload<E> {
  const spec: ClientEventSpec = CLIENT_EVENTS[event];
  const parsed = spec.payload.safeParse(spec.payloadOptional ? (payload ?? {}) : payload);
  if (!parsed.success) {
    throw new AppError('invalid_request', spec.invalidMessage ?? parsed.error.issues.map((i) => i.message).join('; '));
  }
  if (!spec.senders.roles.includes(actor.role)) {
    throw new AppError('forbidden', spec.senders.refused[actor.role] ?? NOT_ALLOWED);
  }
  // The row's schema is the one ParsedPayload<E> is inferred from.
  return parsed.data as ParsedPayload<E>;
}

/** Registers one handler per row of CLIENT_EVENTS: parse → authorise → service → ack. */
export function registerClientEvents(socket: EventSocket, handlers: EventHandlers, log: Logger): void {
  for (const event of CLIENT_EVENT_NAMES) socket.on(event, listenerFor(event, socket.data, handlers[event], log));
}

function listenerFor<E extends ClientEventName>(
  event: E,
  actor: SocketData,
  run: EventHandlers[E],
  log: Logger,
): (payload: unknown, ack: unknown) => void {
  return ackHandler(log, event, (payload) => run(actor, admit(event, actor, payload)));
}
