import { useTranslation } from 'react-i18next';
import { elapsedMs, isOverTime, isRunning, remainingMs } from '@roundtable/domain';
import type { TimerState } from '@roundtable/protocol/client';
import { formatDuration } from './formatDuration';

export type TimerPhase = 'ready' | 'running' | 'paused' | 'over';

/** What a timer is doing at `now`, for styles and tests. */
export function timerPhase(timer: TimerState, now: number): TimerPhase {
  if (isOverTime(timer, now)) return 'over';
  if (isRunning(timer)) return 'running';
  return elapsedMs(timer, now) === 0 ? 'ready' : 'paused';
}

interface Props {
  timer: TimerState;
  /** Server time (ms), e.g. from useServerNow. */
  now: number;
  testId?: string;
}

/**
 * Remaining time as "12:34 left", or past the end "+01:23 over time": the words carry the
 * meaning, the colour only repeats it. role=timer is not announced at each tick (its
 * aria-live is off); the text is there when read.
 */
export function TimerDisplay({ timer, now, testId }: Props) {
  const { t } = useTranslation();
  const remaining = remainingMs(timer, now);
  const phase = timerPhase(timer, now);
  const over = phase === 'over';
  return (
    <span role="timer" className={`timer timer--${phase}`} data-testid={testId} data-state={phase}>
      <span className="timer__value">{over ? `+${formatDuration(-remaining)}` : formatDuration(remaining)}</span>{' '}
      <span className="timer__label">{over ? t('meeting.timer.over') : t('meeting.timer.left')}</span>
      {!isRunning(timer) && (
        <span className="timer__status">
          {' · '}
          {phase === 'ready' ? t('meeting.timer.ready') : t('meeting.timer.paused')}
        </span>
      )}
    </span>
  );
}
