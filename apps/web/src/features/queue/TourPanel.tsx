import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '@roundtable/domain';
import { TOUR_ORDERS, type ErrorCode, type Tour, type TourOrder } from '@roundtable/protocol/client';
import { formatDuration } from '../meeting/formatDuration';
import { MEETING_ERRORS, useMeetingCommand } from '../meeting/meetingCommands';
import { tourTurnRemaining, tourTurns } from '../meeting/meetingView';
import { useServerNow } from '../meeting/useServerNow';
import { useSessionContext } from '../session/sessionContext';
import { ErrorAlert, type ErrorKey } from '../shell/ErrorAlert';
import { FormField } from '../shell/FormField';

/** Turn limits offered, in seconds (0: none): a list, so nobody has to type seconds. */
const TURN_LIMITS = [0, 30, 60, 90, 120, 180, 300, 600] as const;

const TOUR_ERRORS: Partial<Record<ErrorCode, ErrorKey>> = { ...MEETING_ERRORS, conflict: 'errors.tourConflict' };

type SeatState = 'done' | 'skipped' | 'current' | 'waiting';

function seatState(tour: Tour, index: number, participantId: string): SeatState {
  if (tour.skipped.includes(participantId)) return 'skipped';
  if (index < tour.index) return 'done';
  return index === tour.index ? 'current' : 'waiting';
}

/**
 * Tour de table: everyone sees the order, whose turn it is and the time left in it;
 * facilitators start a round (seat order or shuffled, optional time per person), move it
 * on, skip someone, recall a skipped person and end it.
 */
export function TourPanel() {
  const { t } = useTranslation();
  const id = useId();
  const { meeting, role, clockOffsetMs, credentials } = useSessionContext();
  const manages = can(role, 'manageSession');
  const tour = meeting?.tour ?? null;
  const now = useServerNow(clockOffsetMs, tour !== null);
  const command = useMeetingCommand();
  if (!meeting || (!tour && !manages)) return null;

  const { holder, next } = tourTurns(meeting);
  const left = tourTurnRemaining(meeting, now);
  const busy = command.pending !== null;

  return (
    <section className="card tour" aria-labelledby={`${id}-heading`} data-testid="tour-panel">
      <h2 id={`${id}-heading`}>{t('tour.heading')}</h2>
      {!tour ? (
        <TourStartForm command={command} />
      ) : (
        <>
          <p className="tour__turn" data-testid="tour-turn">
            {holder ? (
              <>
                {t('tour.turnOf', { name: holder.name })}
                {holder.participantId === credentials.participant.id && ` ${t('presence.you')}`}
                {left !== null && (
                  <span role="timer" className={left < 0 ? 'tour__left tour__left--over' : 'tour__left'}>
                    {' · '}
                    {left >= 0
                      ? t('tour.turnLeft', { time: formatDuration(left) })
                      : t('tour.turnOver', { time: formatDuration(-left) })}
                  </span>
                )}
              </>
            ) : (
              t('tour.roundOver')
            )}
          </p>
          {next && <p className="hint">{t('tour.nextUp', { name: next.name })}</p>}
          {tour.turnLimitSeconds !== null && (
            <p className="hint">{t('tour.limit', { time: formatDuration(tour.turnLimitSeconds * 1000) })}</p>
          )}
          <ol className="tour__order" data-testid="tour-order">
            {tour.order.map((seat, index) => {
              const state = seatState(tour, index, seat.participantId);
              return (
                <li
                  key={seat.participantId}
                  className={`tour__seat tour__seat--${state}`}
                  aria-current={state === 'current' ? 'step' : undefined}
                  data-state={state}
                >
                  <span className="tour__name">{seat.name}</span>
                  <span className="tour__state"> · {t(`tour.states.${state}`)}</span>
                  {manages && state === 'skipped' && (
                    <button
                      type="button"
                      className="button button--small"
                      aria-disabled={busy}
                      onClick={() => void command.send('tour:recall', { participantId: seat.participantId })}
                    >
                      {t('tour.recall')}
                      <span className="visually-hidden">: {seat.name}</span>
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
          {manages && (
            <div className="actions">
              {holder && (
                <>
                  <button
                    type="button"
                    className="button button--primary"
                    data-testid="tour-next"
                    aria-disabled={busy}
                    onClick={() => void command.send('tour:next', {})}
                  >
                    {t(next ? 'tour.next' : 'tour.finishTurn')}
                  </button>
                  <button
                    type="button"
                    className="button"
                    data-testid="tour-skip"
                    aria-disabled={busy}
                    onClick={() => void command.send('tour:skip', {})}
                  >
                    {t('tour.skip')}
                    <span className="visually-hidden">: {holder.name}</span>
                  </button>
                </>
              )}
              <button
                type="button"
                className="button"
                data-testid="tour-end"
                aria-disabled={busy}
                onClick={() => void command.send('tour:end', {})}
              >
                {t('tour.end')}
              </button>
            </div>
          )}
        </>
      )}
      <ErrorAlert error={command.error} overrides={TOUR_ERRORS} />
    </section>
  );
}

function TourStartForm({ command }: { command: ReturnType<typeof useMeetingCommand> }) {
  const { t } = useTranslation();
  const id = useId();
  const [order, setOrder] = useState<TourOrder>('seat');
  const [limit, setLimit] = useState<number>(0);

  function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void command.send('tour:start', { order, ...(limit > 0 ? { turnLimitSeconds: limit } : {}) });
  }

  return (
    <form className="form tour__form" data-testid="tour-start-form" onSubmit={start}>
      <p className="hint">{t('tour.explain')}</p>
      <fieldset className="field checkboxes">
        <legend>{t('tour.order')}</legend>
        {TOUR_ORDERS.map((o) => (
          <label key={o} className="choice">
            <input type="radio" name={`${id}-order`} value={o} checked={order === o} onChange={() => setOrder(o)} />
            {t(`tour.orders.${o}`)}
          </label>
        ))}
      </fieldset>
      <FormField id={`${id}-limit`} label={t('tour.limitLabel')}>
        {(control) => (
          <select {...control} value={limit} onChange={(e) => setLimit(Number(e.target.value))}>
            {TURN_LIMITS.map((s) => (
              <option key={s} value={s}>
                {s === 0 ? t('tour.noLimit') : formatDuration(s * 1000)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <button
        type="submit"
        className="button button--primary"
        data-testid="tour-start"
        aria-disabled={command.pending !== null}
      >
        {t('tour.start')}
      </button>
    </form>
  );
}
