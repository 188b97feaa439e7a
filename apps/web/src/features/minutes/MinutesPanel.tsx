import { lazy, Suspense, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, mayWriteMinutes } from '@roundtable/domain';
import { MEETING_ERRORS, useMeetingCommand } from '../meeting/meetingCommands';
import { useSessionContext } from '../session/sessionContext';
import { ErrorAlert } from '../shell/ErrorAlert';

const MinutesEditor = lazy(() => import('./MinutesEditor'));

/**
 * The session's minutes: facilitators write them and name a minute-taker among the
 * participants present; the minute-taker writes too; everyone else reads them.
 */
export function MinutesPanel() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { meeting, role, presence, credentials } = useSessionContext();
  const { send, pending, error } = useMeetingCommand();
  const [chosen, setChosen] = useState<string | null>(null);
  if (!meeting) return null;

  const me = credentials.participant.id;
  const takerId = meeting.minuteTakerId;
  // Only participants can take the minutes (facilitators write them anyway; observers read).
  const people = [
    ...new Map((presence ?? []).filter((p) => p.role === 'participant').map((p) => [p.id, p])).values(),
  ].sort((a, b) => a.name.localeCompare(b.name, i18n.language));
  const takerName = people.find((p) => p.id === takerId)?.name;
  const editable = mayWriteMinutes(meeting, me, role);
  const selected = chosen ?? takerId ?? '';

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
        <div className="case-bringer__form">
          <div className="field field--compact">
            <label htmlFor={`${id}-taker`}>{t('minutes.taker')}</label>
            <select
              id={`${id}-taker`}
              data-testid="minutes-taker-select"
              value={selected}
              onChange={(e) => setChosen(e.target.value)}
            >
              <option value="">{t('minutes.nobody')}</option>
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
            data-testid="minutes-taker-set"
            aria-disabled={pending !== null || selected === (takerId ?? '')}
            onClick={() => {
              if (selected === (takerId ?? '')) return;
              void send('minutes:setTaker', { participantId: selected || null }).then((ok) => ok && setChosen(null));
            }}
          >
            {t('minutes.set')}
          </button>
        </div>
      )}
      <ErrorAlert error={error} overrides={MEETING_ERRORS} />
      {!editable && <p className="notice">{t('minutes.readOnly')}</p>}
      <Suspense fallback={<p aria-busy="true">{t('common.loading')}</p>}>
        <MinutesEditor key={String(editable)} editable={editable} />
      </Suspense>
    </section>
  );
}
