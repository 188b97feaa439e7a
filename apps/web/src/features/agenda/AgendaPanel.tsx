import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, nextItemId } from '@roundtable/domain';
import type { AgendaItem, RecommendationDto } from '@roundtable/protocol/client';
import { MEETING_ERRORS, useMeetingCommand } from '../meeting/meetingCommands';
import { useSessionContext } from '../session/sessionContext';
import { ErrorAlert } from '../shell/ErrorAlert';
import { useAgendaItemTitle } from './agendaItemTitle';
import { AgendaEditor, TemplatePicker, TimerControls } from '../session/facilitatorTools';
import { useRecommendationTitle } from '../drafts/recommendationTitle';

/**
 * The agenda: everyone sees the items and which one is current (in words, not only by
 * highlight); facilitators move through it, run the timer, edit it and start from a template.
 */
export function AgendaPanel() {
  const { t } = useTranslation();
  const id = useId();
  const { role, meeting, recommendations, credentials } = useSessionContext();
  const manages = can(role, 'manageSession');
  const titleOf = useAgendaItemTitle();
  const { send, pending, error } = useMeetingCommand();
  const [editing, setEditing] = useState(false);

  if (!meeting) {
    return (
      <section className="card agenda" aria-labelledby={`${id}-heading`} data-testid="agenda-panel">
        <h2 id={`${id}-heading`}>{t('agenda.heading')}</h2>
        <p aria-busy="true">{t('common.loading')}</p>
      </section>
    );
  }

  const { agenda, currentItemId } = meeting;
  const next = agenda.find((i) => i.id === nextItemId(agenda, currentItemId)) ?? null;

  return (
    <section className="card agenda" aria-labelledby={`${id}-heading`} data-testid="agenda-panel">
      <h2 id={`${id}-heading`}>{t('agenda.heading')}</h2>
      {editing ? (
        <AgendaEditor agenda={agenda} onDone={() => setEditing(false)} />
      ) : (
        <>
          {agenda.length === 0 ? (
            <p>{t(manages ? 'agenda.emptyFacilitator' : 'agenda.empty')}</p>
          ) : (
            <ol className="agenda__list" data-testid="agenda-list">
              {agenda.map((item) => (
                <AgendaRow
                  key={item.id}
                  item={item}
                  title={titleOf(item)}
                  current={item.id === currentItemId}
                  sessionId={credentials.sessionId}
                  recommendations={recommendations}
                  onMakeCurrent={
                    manages ? () => void send('agenda:current', { itemId: item.id }, `current:${item.id}`) : undefined
                  }
                  busy={pending === `current:${item.id}`}
                />
              ))}
            </ol>
          )}
          {manages && agenda.length > 0 && (
            <div className="actions agenda__next">
              {next ? (
                <>
                  <button
                    type="button"
                    className="button button--primary"
                    data-testid="agenda-next"
                    aria-describedby={`${id}-next`}
                    aria-disabled={pending !== null}
                    onClick={() => void send('agenda:current', { itemId: next.id }, 'next')}
                  >
                    {t(currentItemId ? 'agenda.next' : 'agenda.begin')}
                  </button>
                  <span id={`${id}-next`} className="hint">
                    {t('agenda.nextIs', { title: titleOf(next) })}
                  </span>
                </>
              ) : (
                <p className="hint">{t('agenda.last')}</p>
              )}
            </div>
          )}
          <ErrorAlert error={error} overrides={MEETING_ERRORS} />
          {manages && <TimerControls />}
          {manages && (
            <div className="actions agenda__tools">
              <button type="button" className="button" data-testid="agenda-edit" onClick={() => setEditing(true)}>
                {t('agenda.edit.open')}
              </button>
            </div>
          )}
          {manages && <TemplatePicker itemCount={agenda.length} />}
        </>
      )}
    </section>
  );
}

interface RowProps {
  item: AgendaItem;
  title: string;
  current: boolean;
  sessionId: string;
  recommendations: RecommendationDto[] | null;
  /** Facilitators only. */
  onMakeCurrent: (() => void) | undefined;
  busy: boolean;
}

function AgendaRow({ item, title, current, sessionId, recommendations, onMakeCurrent, busy }: RowProps) {
  const { t } = useTranslation();
  const recommendationTitle = useRecommendationTitle();
  const linked = item.recommendationIds.flatMap((rid) => recommendations?.filter((r) => r.id === rid) ?? []);
  return (
    <li
      className={current ? 'agenda__item agenda__item--current' : 'agenda__item'}
      aria-current={current ? 'step' : undefined}
      data-testid="agenda-item"
      data-item-id={item.id}
      data-current={current}
    >
      <div className="agenda__body">
        {current && <strong className="agenda__badge">{t('agenda.current')}</strong>}
        <span className="agenda__title" data-testid="agenda-item-title">
          {title}
        </span>
        <span className="agenda__meta">
          {t(`agenda.kinds.${item.kind}`)} · {t('agenda.minutes', { count: item.plannedMinutes })}
        </span>
        {linked.length > 0 && (
          <span className="agenda__links">
            {t('agenda.linked')}{' '}
            {linked.map((r, i) => (
              <span key={r.id}>
                {i > 0 && ', '}
                <Link to={`/s/${encodeURIComponent(sessionId)}/r/${encodeURIComponent(r.id)}`}>
                  {recommendationTitle(r)}
                </Link>
              </span>
            ))}
          </span>
        )}
      </div>
      {onMakeCurrent && !current && (
        <button
          type="button"
          className="button button--small"
          data-testid="agenda-make-current"
          aria-disabled={busy}
          onClick={onMakeCurrent}
        >
          {t('agenda.makeCurrent')}
          <span className="visually-hidden">: {title}</span>
        </button>
      )}
    </li>
  );
}
