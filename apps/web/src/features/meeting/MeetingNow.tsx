import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isOverTime } from '@roundtable/domain';
import { useAgendaItemTitle } from '../agenda/agendaItemTitle';
import { useSessionContext } from '../session/sessionContext';
import { SESSION_VOTES_ID } from '../votes/VotesSection';
import { formatDuration } from './formatDuration';
import { currentItem, tourTurnRemaining } from './meetingView';
import { TimerDisplay } from './TimerDisplay';
import { useServerNow } from './useServerNow';

/**
 * The meeting at a glance, at the top of every session page: current item, time left, who
 * has the floor and, for observers, the votes open. Compact, for a phone on a poor link:
 * the countdown runs locally from the last state, nothing is fetched per second.
 */
export function MeetingNow() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { meeting, clockOffsetMs, role, votes, credentials, live } = useSessionContext();
  const now = useServerNow(clockOffsetMs, meeting !== null);
  const titleOf = useAgendaItemTitle();
  if (!meeting) return null;

  const item = currentItem(meeting);
  const position = item ? meeting.agenda.indexOf(item) + 1 : 0;
  const { speaker, timer } = meeting;
  const turnLeft = speaker ? tourTurnRemaining(meeting, now) : null;
  const openVotes = role === 'observer' ? (votes ?? []).filter((v) => v.vote.status === 'open').length : 0;
  const overview = `/s/${encodeURIComponent(credentials.sessionId)}`;
  const timeUp = timer !== null && isOverTime(timer, now);

  return (
    <section className="now" aria-labelledby="now-heading" data-testid="meeting-now" data-stale={!live}>
      <h2 id="now-heading" className="visually-hidden">
        {t('meeting.now.heading')}
      </h2>
      <dl className="now__facts">
        <div className="now__fact now__fact--item">
          <dt>{t('meeting.now.item')}</dt>
          <dd data-testid="now-item">
            {item ? (
              <>
                <strong>{titleOf(item)}</strong>{' '}
                <span className="now__aside">
                  {t('meeting.now.position', { position, count: meeting.agenda.length })}
                </span>
              </>
            ) : (
              t('meeting.now.noItem')
            )}
          </dd>
        </div>
        {timer && (
          <div className="now__fact">
            <dt>{t('meeting.now.time')}</dt>
            <dd>
              <TimerDisplay timer={timer} now={now} testId="now-timer" />
            </dd>
          </div>
        )}
        <div className="now__fact">
          <dt>{t('meeting.now.floor')}</dt>
          <dd data-testid="now-speaker">
            {speaker ? (
              <>
                <strong>{speaker.name}</strong>
                {speaker.participantId === credentials.participant.id && ` ${t('presence.you')}`}{' '}
                <span className="now__aside">
                  {turnLeft === null
                    ? t('queue.speakingFor', { time: formatDuration(now - speaker.since, 'down') })
                    : turnLeft >= 0
                      ? t('tour.turnLeft', { time: formatDuration(turnLeft) })
                      : t('tour.turnOver', { time: formatDuration(-turnLeft) })}
                </span>
              </>
            ) : (
              t('meeting.now.nobody')
            )}
          </dd>
        </div>
        {openVotes > 0 && (
          <div className="now__fact">
            <dt>{t('meeting.now.votes')}</dt>
            <dd>
              {pathname === overview ? (
                <a href={`#${SESSION_VOTES_ID}`}>{t('meeting.now.openVotes', { count: openVotes })}</a>
              ) : (
                <Link to={overview}>{t('meeting.now.openVotes', { count: openVotes })}</Link>
              )}
            </dd>
          </div>
        )}
      </dl>
      {/* Item, floor and votes are as last received: say so while nothing new can arrive. */}
      <div role="status" className="live-notice-region">
        {!live && (
          <p className="alert alert--warning" data-testid="meeting-stale">
            {t('meeting.now.stale')}
          </p>
        )}
      </div>
      {/* Said when the item changes, and once when its time runs out: not at every tick. */}
      <p role="status" className="visually-hidden">
        {item && t('meeting.now.itemAnnounce', { title: titleOf(item) })}
      </p>
      <p role="status" className="visually-hidden">
        {timeUp && t('meeting.timer.timeUp')}
      </p>
    </section>
  );
}
