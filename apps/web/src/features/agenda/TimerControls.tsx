import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { elapsedMs, isRunning } from '@roundtable/domain';
import { MAX_TIMER_SECONDS, type ErrorCode } from '@roundtable/protocol/client';
import { MEETING_ERRORS, useMeetingCommand } from '../meeting/meetingCommands';
import { currentItem } from '../meeting/meetingView';
import { TimerDisplay } from '../meeting/TimerDisplay';
import { useServerNow } from '../meeting/useServerNow';
import { useSessionContext } from '../session/sessionContext';
import { ConfirmDialog } from '../shell/ConfirmDialog';
import { ErrorAlert, type ErrorKey } from '../shell/ErrorAlert';

const TIMER_ERRORS: Partial<Record<ErrorCode, ErrorKey>> = { ...MEETING_ERRORS, conflict: 'errors.timerNoDuration' };

/** Minutes as typed ("5", "2.5", "2,5"), or null when empty; NaN when not a valid duration. */
function parseMinutes(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const minutes = Number(trimmed.replace(',', '.'));
  const seconds = Math.round(minutes * 60);
  return Number.isFinite(minutes) && seconds >= 1 && seconds <= MAX_TIMER_SECONDS ? minutes : Number.NaN;
}

/**
 * Facilitator: the item's countdown. It runs on the server clock, so every screen shows the
 * same time; it is started for the current item's planned minutes unless minutes are given.
 */
export function TimerControls() {
  const { t } = useTranslation();
  const id = useId();
  const { meeting, clockOffsetMs } = useSessionContext();
  const now = useServerNow(clockOffsetMs);
  const { send, pending, error } = useMeetingCommand();
  const [minutes, setMinutes] = useState('');
  const [problem, setProblem] = useState(false);
  const timer = meeting?.timer ?? null;
  const item = currentItem(meeting);
  const running = timer !== null && isRunning(timer);
  const elapsed = timer ? elapsedMs(timer, now) : 0;

  const [confirming, setConfirming] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // A running timer is everyone's count: starting over asks first (issue #12).
    if (running) setConfirming(true);
    else void start();
  }

  async function start() {
    setConfirming(false);
    const parsed = parseMinutes(minutes);
    if (Number.isNaN(parsed)) {
      setProblem(true);
      return;
    }
    setProblem(false);
    const ok = await send('timer:start', parsed === null ? {} : { durationSeconds: Math.round(parsed * 60) }, 'start');
    if (ok) setMinutes('');
  }

  return (
    <section className="timer-controls" aria-labelledby={`${id}-heading`} data-testid="timer-controls">
      <h3 id={`${id}-heading`}>{t('agenda.timer.heading')}</h3>
      <p className="timer-controls__display">
        {timer ? <TimerDisplay timer={timer} now={now} testId="agenda-timer" /> : t('meeting.timer.none')}
      </p>
      <form className="timer-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-minutes`}>
            {t('agenda.timer.minutes')} <span className="optional">{t('common.optional')}</span>
          </label>
          <input
            id={`${id}-minutes`}
            name="minutes"
            inputMode="decimal"
            autoComplete="off"
            value={minutes}
            aria-invalid={problem}
            aria-describedby={`${id}-hint`}
            onChange={(e) => setMinutes(e.target.value)}
          />
          <p id={`${id}-hint`} className="hint">
            {problem
              ? t('agenda.timer.minutesInvalid', { max: MAX_TIMER_SECONDS / 60 })
              : item && item.plannedMinutes > 0
                ? t('agenda.timer.minutesHint', { count: item.plannedMinutes })
                : t('agenda.timer.minutesNeeded')}
          </p>
        </div>
        <button
          type="submit"
          className={running ? 'button' : 'button button--primary'}
          data-testid="timer-start"
          aria-disabled={pending !== null}
        >
          {t(running ? 'agenda.timer.restart' : 'agenda.timer.start')}
        </button>
      </form>
      {timer && (
        <div className="actions timer-controls__buttons">
          {running ? (
            <button
              type="button"
              className="button button--primary"
              data-testid="timer-pause"
              onClick={() => void send('timer:pause', {})}
            >
              {t('agenda.timer.pause')}
            </button>
          ) : (
            elapsed > 0 && (
              <button
                type="button"
                className="button"
                data-testid="timer-resume"
                onClick={() => void send('timer:resume', {})}
              >
                {t('agenda.timer.resume')}
              </button>
            )
          )}
          {elapsed > 0 && (
            <button
              type="button"
              className="button"
              data-testid="timer-reset"
              onClick={() => void send('timer:reset', {})}
            >
              {t('agenda.timer.reset')}
            </button>
          )}
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('agenda.timer.restartTitle')}
        confirmLabel={t('agenda.timer.restartConfirm')}
        cancelLabel={t('agenda.timer.restartCancel')}
        onConfirm={() => void start()}
        onCancel={() => setConfirming(false)}
        testId="timer-restart-confirm"
      >
        <p>{t('agenda.timer.restartBody')}</p>
      </ConfirmDialog>
      <ErrorAlert error={error} overrides={TIMER_ERRORS} />
    </section>
  );
}
