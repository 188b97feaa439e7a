import { lazy, Suspense, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agendaProgress, can, canPost, isListeningPhase } from '@roundtable/domain';
import type { AgendaItem, IntervisionPhase } from '@roundtable/protocol/client';
import { useAgendaItemTitle } from '../agenda/agendaItemTitle';
import { MEETING_ERRORS, useMeetingCommand } from '../meeting/meetingCommands';
import { currentPhase } from '../meeting/meetingView';
import { useSessionContext } from '../session/sessionContext';
import { ErrorAlert } from '../shell/ErrorAlert';
import { CaseBringer } from './CaseBringer';
import { EraseNotes } from './EraseNotes';
import { retryingImport } from '../../lib/retryingImport';

/** The notes editor brings Tiptap and Yjs: downloaded only when an intervision is shown. */
const PhaseNotes = lazy(retryingImport(() => import('./PhaseNotes')));

/**
 * An intervision: its phases (the agenda's intervision items) as steps, the case bringer,
 * the shared notes of each phase and, for the facilitator, erasing them all at the end.
 * During the analysis and the advice the case bringer listens: their notes are read-only
 * and the panel says why.
 */
export function IntervisionPanel() {
  const { t } = useTranslation();
  const id = useId();
  const { meeting, role, credentials } = useSessionContext();
  const titleOf = useAgendaItemTitle();
  const manages = can(role, 'manageSession');
  const command = useMeetingCommand();
  const phase = currentPhase(meeting);
  const steps = (meeting?.agenda ?? []).filter(
    (i): i is AgendaItem & { intervisionPhase: IntervisionPhase } =>
      i.kind === 'intervision_phase' && i.intervisionPhase !== null,
  );
  const currentIndex = steps.findIndex((s) => s.id === meeting?.currentItemId);
  // Notes of the phases run so far; all of them once the intervision is over (or not begun).
  const readable = currentIndex === -1 ? steps : steps.slice(0, currentIndex + 1);
  const [chosen, setChosen] = useState<IntervisionPhase | null>(null);
  const shown =
    readable.find((s) => s.intervisionPhase === chosen)?.intervisionPhase ??
    phase ??
    readable[0]?.intervisionPhase ??
    null;

  if (!meeting) return null;
  const meId = credentials.participant.id;
  const bringer = meeting.caseBringerId === meId;
  const listening = bringer && isListeningPhase(phase);
  // Done only if it was held: a phase the facilitator went past is shown as skipped.
  const progress = agendaProgress(meeting);

  return (
    <section className="card intervision" aria-labelledby={`${id}-heading`} data-testid="intervision-panel">
      <h2 id={`${id}-heading`}>{t('intervision.heading')}</h2>
      {steps.length === 0 ? (
        <p>{t('intervision.noPhases')}</p>
      ) : (
        <ol className="stepper" aria-label={t('intervision.phasesLabel')} data-testid="intervision-steps">
          {steps.map((step, index) => {
            const state = progress.get(step.id) ?? 'upcoming';
            return (
              <li
                key={step.id}
                className={`stepper__step stepper__step--${state}`}
                aria-current={state === 'current' ? 'step' : undefined}
                data-state={state}
              >
                <span className="stepper__number" aria-hidden="true">
                  {index + 1}
                </span>
                <span className="stepper__title">{titleOf(step)}</span>
                <span className="stepper__state">{t(`intervision.steps.${state}`)}</span>
                {manages && state !== 'current' && (
                  <button
                    type="button"
                    className="button button--small"
                    aria-disabled={command.pending !== null}
                    onClick={() => void command.send('agenda:current', { itemId: step.id })}
                  >
                    {t('intervision.goTo')}
                    <span className="visually-hidden">: {titleOf(step)}</span>
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <ErrorAlert error={command.error} overrides={MEETING_ERRORS} />

      <CaseBringer />

      {/* A live region that is always there, so the notice is announced when listening starts. */}
      <div role="status" className="live-notice-region">
        {listening && (
          <p className="notice notice--listening" data-testid="listening-notice">
            {t('intervision.listeningNotice')}
          </p>
        )}
      </div>

      {shown && (
        <section className="intervision__notes" aria-labelledby={`${id}-notes-heading`}>
          <h3 id={`${id}-notes-heading`}>
            {t('intervision.notes.heading', { phase: t(`intervision.phases.${shown}`) })}
          </h3>
          <p className="notice" data-testid="intervision-confidential">
            {t('intervision.notes.confidential')}
          </p>
          {readable.length > 1 && (
            // biome-ignore lint/a11y/useSemanticElements: toggle buttons, not form fields; a fieldset would add UA border and padding
            <div className="actions phase-picker" role="group" aria-label={t('intervision.notes.pick')}>
              {readable.map((step) => (
                <button
                  key={step.id}
                  type="button"
                  className="button button--small"
                  aria-pressed={step.intervisionPhase === shown}
                  onClick={() => setChosen(step.intervisionPhase)}
                >
                  {t(`intervision.phases.${step.intervisionPhase}`)}
                </button>
              ))}
            </div>
          )}
          <Suspense fallback={<p aria-busy="true">{t('common.loading')}</p>}>
            <PhaseNotes
              phase={shown}
              editable={shown === phase && canPost(role, bringer, phase)}
              reason={
                role === 'observer' ? 'observer' : shown !== phase ? 'notCurrent' : listening ? 'listening' : null
              }
            />
          </Suspense>
        </section>
      )}

      {manages && <EraseNotes />}
    </section>
  );
}
