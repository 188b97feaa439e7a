import type { Logger } from 'pino';
import type { Ack } from '@roundtable/protocol';
import { AppError } from '../errors.js';

/**
 * Wraps an acknowledged event handler: a refusal becomes `{ ok: false, error }` with
 * its code; an unexpected failure (e.g. storage down) becomes `unavailable`, never a
 * false ok. Events sent without an ack callback are ignored.
 */
export function ackHandler<T extends object>(
  log: Logger,
  event: string,
  run: (payload: unknown) => Promise<T>,
): (payload: unknown, ack: unknown) => void {
  return (payload, ack) => {
    // `emit('presence:list', ack)` with no payload puts the callback first.
    if (typeof payload === 'function' && ack === undefined) [payload, ack] = [undefined, payload];
    if (typeof ack !== 'function') return;
    const reply = ack as (res: Ack<T>) => void;
    // A synchronous throw (a refused payload) is answered like a rejection.
    Promise.resolve()
      .then(() => run(payload))
      .then(
        (result) => reply({ ok: true, ...result }),
        (err: unknown) => {
          if (err instanceof AppError) {
            reply({ ok: false, error: { code: err.code, message: err.message } });
            return;
          }
          log.error({ err, event }, 'event handler failed');
          reply({
            ok: false,
            error: { code: 'unavailable', message: 'the server could not complete this; try again' },
          });
        },
      );
  };
}
