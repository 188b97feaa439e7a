import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '@roundtable/domain';
import { MEETING_ERRORS, useMeetingCommand } from '../meeting/meetingCommands';
import { useSessionContext } from '../session/sessionContext';
import { ErrorAlert } from '../shell/ErrorAlert';

/** Who brings the case: shown to everyone; chosen by the facilitator among the people present. */
export function CaseBringer() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { meeting, role, presence, credentials } = useSessionContext();
  const { send, pending, error } = useMeetingCommand();
  const [chosen, setChosen] = useState<string | null>(null);
  if (!meeting) return null;

  // Observers cannot bring a case (the server refuses them).
  const people = [
    ...new Map((presence ?? []).filter((p) => can(p.role, 'takePart')).map((p) => [p.id, p])).values(),
  ].sort((a, b) => a.name.localeCompare(b.name, i18n.language));
  const bringerId = meeting.caseBringerId;
  const bringerName = people.find((p) => p.id === bringerId)?.name;
  const selected = chosen ?? bringerId ?? '';

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
        <div className="case-bringer__form">
          <div className="field field--compact">
            <label htmlFor={`${id}-person`}>{t('intervision.caseBringer.choose')}</label>
            <select
              id={`${id}-person`}
              data-testid="case-bringer-select"
              value={selected}
              onChange={(e) => setChosen(e.target.value)}
            >
              <option value="">{t('intervision.caseBringer.nobody')}</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="button button--small"
            data-testid="case-bringer-set"
            aria-disabled={pending !== null || selected === (bringerId ?? '')}
            onClick={() => {
              if (selected === (bringerId ?? '')) return;
              void send('intervision:setCaseBringer', { participantId: selected || null }).then(
                (ok) => ok && setChosen(null),
              );
            }}
          >
            {t('intervision.caseBringer.set')}
          </button>
        </div>
      )}
      <ErrorAlert error={error} overrides={MEETING_ERRORS} />
    </div>
  );
}
