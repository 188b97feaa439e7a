import { type ComponentType, lazy, Suspense } from 'react';
import { retryingImport } from '../../lib/retryingImport';

/**
 * The tools only a facilitator sees (agenda editing, timers, opening votes, adding
 * recommendations, reports, invitations) in one chunk that participants and observers never
 * download: on a 400 kbit/s link every 20 KiB is most of a second (docs/performance.md).
 * Each renders nothing until the chunk has arrived, so the rest of the page does not wait.
 */
const tools = retryingImport(() => import('./facilitatorToolsChunk'));

function deferred<P extends object>(pick: (chunk: Awaited<ReturnType<typeof tools>>) => ComponentType<P>) {
  const Lazy = lazy(async () => ({ default: pick(await tools()) }));
  // biome-ignore lint/correctness/noComponentHookFactories: called once per tool at module level, never in a render
  return function Deferred(props: P) {
    return (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}

export const AgendaEditor = deferred((c) => c.AgendaEditor);
export const TemplatePicker = deferred((c) => c.TemplatePicker);
export const TimerControls = deferred((c) => c.TimerControls);
export const OpenVoteDisclosure = deferred((c) => c.OpenVoteDisclosure);
export const AddRecommendationForm = deferred((c) => c.AddRecommendationForm);
export const ReportDownloads = deferred((c) => c.ReportDownloads);
export const FacilitatorPanel = deferred((c) => c.FacilitatorPanel);
export const PublicSummary = deferred((c) => c.PublicSummary);
export const PeoplePanel = deferred((c) => c.PeoplePanel);
export const AmendmentDecision = deferred((c) => c.AmendmentDecision);
export const SaveVersionForm = deferred((c) => c.SaveVersionForm);
export const RestoreVersionButton = deferred((c) => c.RestoreVersionButton);
export const QuestionModeration = deferred((c) => c.QuestionModeration);
