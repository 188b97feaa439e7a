import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, canPost } from '@roundtable/domain';
import {
  SPEAKER_LANGUAGES,
  type MeetingState,
  type PresenceParticipant,
  type SpeakerLanguage,
} from '@roundtable/protocol/client';
import { formatDuration } from '../meeting/formatDuration';
import { MEETING_ERRORS, useMeetingCommand } from '../meeting/meetingCommands';
import { currentPhase, tourTurnRemaining } from '../meeting/meetingView';
import { useServerNow } from '../meeting/useServerNow';
import { useSessionContext } from '../session/sessionContext';
import { ErrorAlert } from '../shell/ErrorAlert';
import { presentPeople } from '../shell/ParticipantPicker';
import { loadSpeakerLanguage, useSpeakerLanguage } from './speakerLanguage';

/**
 * The speaking queue, for everyone: who has the floor and for how long, who waits (points
 * of order first, marked in words), and the buttons each person may use: raise or lower
 * one's hand, a point of order, end one's own turn; facilitators give and end turns.
 */
export function FloorPanel() {
  const { t } = useTranslation();
  const id = useId();
  const { meeting, role, credentials, presence } = useSessionContext();
  const command = useMeetingCommand();
  const manages = can(role, 'manageSession');

  return (
    <section className="card floor" aria-labelledby={`${id}-heading`} data-testid="floor-panel">
      <h2 id={`${id}-heading`}>{t('queue.heading')}</h2>
      {!meeting ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : (
        <>
          <Speaker meeting={meeting} meId={credentials.participant.id} manages={manages} command={command} />
          <Queue meeting={meeting} meId={credentials.participant.id} manages={manages} command={command} />
          {!can(role, 'takePart') ? (
            <p className="hint">{t('queue.observerNotice')}</p>
          ) : (
            <RaiseHand meeting={meeting} meId={credentials.participant.id} command={command} />
          )}
          {manages && <GiveFloor meeting={meeting} presence={presence} command={command} />}
          <ErrorAlert error={command.error} overrides={MEETING_ERRORS} />
        </>
      )}
    </section>
  );
}

type Command = ReturnType<typeof useMeetingCommand>;

interface PartProps {
  meeting: MeetingState;
  meId: string;
  command: Command;
}

function Speaker({ meeting, meId, manages, command }: PartProps & { manages: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const { clockOffsetMs } = useSessionContext();
  const now = useServerNow(clockOffsetMs, meeting.speaker !== null);
  const { speaker } = meeting;
  const mine = speaker?.participantId === meId;
  const turnLeft = speaker ? tourTurnRemaining(meeting, now) : null;
  // A turn I did not ask for (a tour de table, the floor given) counts in the language I said
  // I speak on this device; the server also remembers one I declared before (issue #12).
  const undeclaredTurn = mine && speaker.language === null ? speaker.since : null;
  const send = command.send;
  useEffect(() => {
    const language = undeclaredTurn === null ? null : loadSpeakerLanguage();
    if (language) void send('floor:language', { language });
  }, [undeclaredTurn, send]);

  return (
    <div className="floor__speaker" data-testid="floor-speaker">
      <h3 className="floor__label">{t('queue.floor')}</h3>
      {speaker ? (
        <>
          <p className="floor__name">
            <strong data-testid="floor-speaker-name">{speaker.name}</strong>
            {mine && ` ${t('presence.you')}`}
            {speaker.language && <span className="floor__language"> · {t(`queue.languages.${speaker.language}`)}</span>}
          </p>
          <p className="floor__time" role="timer">
            {turnLeft === null
              ? t('queue.speakingFor', { time: formatDuration(now - speaker.since, 'down') })
              : turnLeft >= 0
                ? t('tour.turnLeft', { time: formatDuration(turnLeft) })
                : t('tour.turnOver', { time: formatDuration(-turnLeft) })}
          </p>
          {(manages || mine) && (
            <div className="floor__actions">
              <div className="field field--compact">
                <label htmlFor={`${id}-lang`}>{t('queue.turnLanguage')}</label>
                <select
                  id={`${id}-lang`}
                  value={speaker.language ?? ''}
                  onChange={(e) =>
                    e.target.value &&
                    void command.send('floor:language', { language: e.target.value as SpeakerLanguage })
                  }
                >
                  <option value="">{t('queue.languageUnspecified')}</option>
                  {SPEAKER_LANGUAGES.map((lng) => (
                    <option key={lng} value={lng}>
                      {t(`queue.languages.${lng}`)}
                    </option>
                  ))}
                </select>
              </div>
              <button
                type="button"
                className="button button--small"
                data-testid="floor-end"
                aria-disabled={command.pending !== null}
                onClick={() => void command.send('floor:end', {})}
              >
                {t(mine ? 'queue.endMyTurn' : 'queue.endTurn')}
              </button>
            </div>
          )}
        </>
      ) : (
        <p className="floor__name" data-testid="floor-speaker-name">
          {t('queue.nobody')}
        </p>
      )}
      {/* Says who has the floor when it changes, not every second. */}
      <p role="status" className="visually-hidden">
        {speaker && (mine ? t('queue.youHaveFloor') : t('queue.hasFloor', { name: speaker.name }))}
      </p>
    </div>
  );
}

function Queue({ meeting, meId, manages, command }: PartProps & { manages: boolean }) {
  const { t } = useTranslation();
  const { queue } = meeting;
  return (
    <div className="floor__queue">
      <h3 className="floor__label">{t('queue.waiting', { count: queue.length })}</h3>
      {queue.length === 0 ? (
        <p className="hint">{t('queue.empty')}</p>
      ) : (
        <ol className="queue" data-testid="queue-list">
          {queue.map((entry) => (
            <li
              key={entry.participantId}
              className={entry.kind === 'point_of_order' ? 'queue__entry queue__entry--order' : 'queue__entry'}
              data-testid="queue-entry"
              data-kind={entry.kind}
              data-participant-id={entry.participantId}
            >
              <span className="queue__who">
                {entry.kind === 'point_of_order' && (
                  <strong className="queue__order">{t('queue.pointOfOrderMark')} </strong>
                )}
                <span className="queue__name">{entry.name}</span>
                {entry.participantId === meId && ` ${t('presence.you')}`}
                {entry.language && <span className="queue__language"> · {t(`queue.languages.${entry.language}`)}</span>}
              </span>
              {manages && (
                <span className="queue__buttons">
                  <button
                    type="button"
                    className="button button--small"
                    data-testid="queue-give"
                    aria-disabled={command.pending !== null}
                    onClick={() => void command.send('floor:give', { participantId: entry.participantId })}
                  >
                    {t('queue.give')}
                    <span className="visually-hidden">: {entry.name}</span>
                  </button>
                  {entry.participantId !== meId && (
                    <button
                      type="button"
                      className="button button--small"
                      data-testid="queue-lower-other"
                      aria-disabled={command.pending !== null}
                      onClick={() => void command.send('queue:lower', { participantId: entry.participantId })}
                    >
                      {t('queue.lowerOther')}
                      <span className="visually-hidden">: {entry.name}</span>
                    </button>
                  )}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {manages && queue.length > 0 && (
        <button
          type="button"
          className="button button--primary"
          data-testid="queue-next"
          aria-disabled={command.pending !== null}
          onClick={() => void command.send('queue:next', {})}
        >
          {t('queue.next')}
          <span className="visually-hidden">: {queue[0]!.name}</span>
        </button>
      )}
    </div>
  );
}

function RaiseHand({ meeting, meId, command }: PartProps) {
  const { t } = useTranslation();
  const id = useId();
  const { role } = useSessionContext();
  const [language, setLanguage] = useSpeakerLanguage();
  const mine = meeting.queue.find((e) => e.participantId === meId);
  const place = mine ? meeting.queue.indexOf(mine) + 1 : 0;
  const phase = currentPhase(meeting);
  // A listening case bringer (intervision analysis and advice) may raise only a point of order.
  const listening = !canPost(role, meeting.caseBringerId === meId, phase);
  const raise = (pointOfOrder: boolean) =>
    command.send('queue:raise', { pointOfOrder, ...(language ? { language } : {}) }, pointOfOrder ? 'order' : 'hand');

  return (
    <div className="floor__mine" data-testid="raise-hand">
      <p role="status" className="floor__place">
        {mine &&
          t(mine.kind === 'point_of_order' ? 'queue.yourPlaceOrder' : 'queue.yourPlace', {
            place,
            count: meeting.queue.length,
          })}
      </p>
      {listening && <p className="notice">{t('queue.listening')}</p>}
      <div className="actions floor__buttons">
        {mine ? (
          <button
            type="button"
            className="button button--primary"
            data-testid="lower-hand"
            aria-disabled={command.pending !== null}
            onClick={() => void command.send('queue:lower', {})}
          >
            {t(mine.kind === 'point_of_order' ? 'queue.withdrawOrder' : 'queue.lower')}
          </button>
        ) : (
          !listening && (
            <button
              type="button"
              className="button button--primary"
              data-testid="raise-hand-button"
              aria-disabled={command.pending !== null}
              onClick={() => void raise(false)}
            >
              {t('queue.raise')}
            </button>
          )
        )}
        {mine?.kind !== 'point_of_order' && (
          <button
            type="button"
            className="button"
            data-testid="point-of-order"
            aria-describedby={`${id}-order-hint`}
            aria-disabled={command.pending !== null}
            onClick={() => void raise(true)}
          >
            {t('queue.pointOfOrder')}
          </button>
        )}
      </div>
      <p id={`${id}-order-hint`} className="hint">
        {t('queue.pointOfOrderHint')}
      </p>
      <div className="field field--compact">
        <label htmlFor={`${id}-lang`}>
          {t('queue.myLanguage')} <span className="optional">{t('common.optional')}</span>
        </label>
        <select
          id={`${id}-lang`}
          value={language ?? ''}
          aria-describedby={`${id}-lang-hint`}
          onChange={(e) => setLanguage((e.target.value || null) as SpeakerLanguage | null)}
        >
          <option value="">{t('queue.languageUnspecified')}</option>
          {SPEAKER_LANGUAGES.map((lng) => (
            <option key={lng} value={lng}>
              {t(`queue.languages.${lng}`)}
            </option>
          ))}
        </select>
        <p id={`${id}-lang-hint`} className="hint">
          {t('queue.myLanguageHint')}
        </p>
      </div>
    </div>
  );
}

function GiveFloor({
  meeting,
  presence,
  command,
}: {
  meeting: MeetingState;
  presence: PresenceParticipant[] | null;
  command: Command;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [chosen, setChosen] = useState('');
  // Observers do not take the floor (the server refuses it).
  const people = presentPeople(presence, (p) => can(p.role, 'takePart'), i18n.language);
  const target = people.find((p) => p.id === chosen);

  return (
    <div className="floor__give">
      <div className="field field--compact">
        <label htmlFor={`${id}-person`}>{t('queue.giveTo')}</label>
        <select
          id={`${id}-person`}
          data-testid="give-floor-select"
          value={chosen}
          onChange={(e) => setChosen(e.target.value)}
        >
          <option value="">{t('queue.choosePerson')}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
              {meeting.speaker?.participantId === p.id ? ` (${t('queue.speakingNow')})` : ''}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="button button--small"
        data-testid="give-floor"
        aria-disabled={!target || command.pending !== null}
        onClick={() => target && void command.send('floor:give', { participantId: target.id })}
      >
        {t('queue.giveButton')}
      </button>
    </div>
  );
}
