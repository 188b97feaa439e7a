import { useTranslation } from 'react-i18next';
import { can } from '@roundtable/domain';
import { MEETING_ERRORS, useMeetingCommand } from '../meeting/meetingCommands';
import { useSessionContext } from '../session/sessionContext';
import { ErrorAlert } from '../shell/ErrorAlert';
import { ParticipantPicker, presentPeople } from '../shell/ParticipantPicker';

/** Who brings the case: shown to everyone; chosen by the facilitator among the people present. */
export function CaseBringer() {
  const { t, i18n } = useTranslation();
  const { meeting, role, presence, credentials } = useSessionContext();
  const { send, pending, error } = useMeetingCommand();
  if (!meeting) return null;

  // Observers cannot bring a case (the server refuses them).
  const people = presentPeople(presence, (p) => can(p.role, 'takePart'), i18n.language);
  const bringerId = meeting.caseBringerId;
  const bringerName = people.find((p) => p.id === bringerId)?.name;

  return (
    <div className="case-bringer" data-testid="case-bringer">
      <p>
        <strong>{t('intervision.caseBringer.label')}</strong>{' '}
        <span data-testid="case-bringer-name">
          {bringerId === null
            ? t('intervision.caseBringer.none')
            : bringerId === credentials.participant.id
              ? t('intervision.caseBringer.you')
              : (bringerName ?? t('intervision.caseBringer.away'))}
        </span>
      </p>
      {can(role, 'manageSession') && (
        <ParticipantPicker
          people={people}
          current={bringerId}
          label={t('intervision.caseBringer.choose')}
          nobody={t('intervision.caseBringer.nobody')}
          setLabel={t('intervision.caseBringer.set')}
          testId="case-bringer"
          pending={pending !== null}
          onSet={(participantId) => send('intervision:setCaseBringer', { participantId })}
        />
      )}
      <ErrorAlert error={error} overrides={MEETING_ERRORS} />
    </div>
  );
}
