import { lazy, Suspense, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { can, mayWriteMinutes } from '@roundtable/domain';
import { MEETING_ERRORS, useMeetingCommand } from '../meeting/meetingCommands';
import { useSessionContext } from '../session/sessionContext';
import { ErrorAlert } from '../shell/ErrorAlert';
import { ParticipantPicker, presentPeople } from '../shell/ParticipantPicker';
import { retryingImport } from '../../lib/retryingImport';

const MinutesEditor = lazy(retryingImport(() => import('./MinutesEditor')));

/**
 * The session's minutes: facilitators write them and name a minute-taker among the
 * participants present; the minute-taker writes too; everyone else reads them.
 */
export function MinutesPanel() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { meeting, role, presence, credentials } = useSessionContext();
  const { send, pending, error } = useMeetingCommand();
  if (!meeting) return null;

  const me = credentials.participant.id;
  const takerId = meeting.minuteTakerId;
  // Only participants can take the minutes (facilitators write them anyway; observers read).
  const people = presentPeople(presence, (p) => p.role === 'participant', i18n.language);
  const takerName = people.find((p) => p.id === takerId)?.name;
  const editable = mayWriteMinutes(meeting, me, role);

  return (
    <section className="card minutes" aria-labelledby={`${id}-heading`} data-testid="minutes-panel">
      <h2 id={`${id}-heading`}>{t('minutes.heading')}</h2>
      <p className="hint">{t('minutes.explain')}</p>
      <p role="status" data-testid="minutes-taker">
        {takerId === me
          ? t('minutes.youTake')
          : takerId && takerName
            ? t('minutes.assigned', { name: takerName })
            : null}
      </p>
      {can(role, 'manageSession') && (
        <ParticipantPicker
          people={people}
          current={takerId}
          label={t('minutes.taker')}
          nobody={t('minutes.nobody')}
          setLabel={t('minutes.set')}
          testId="minutes-taker"
          pending={pending !== null}
          onSet={(participantId) => send('minutes:setTaker', { participantId })}
        />
      )}
      <ErrorAlert error={error} overrides={MEETING_ERRORS} />
      {!editable && <p className="notice">{t('minutes.readOnly')}</p>}
      <Suspense fallback={<p aria-busy="true">{t('common.loading')}</p>}>
        <MinutesEditor key={String(editable)} editable={editable} />
      </Suspense>
    </section>
  );
}
