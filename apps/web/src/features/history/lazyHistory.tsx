import { lazy, Suspense, type ComponentProps } from 'react';
import { retryingImport } from '../../lib/retryingImport';

/*
 * The history and "changes since you left" bring the diff library: a chunk of their own, so
 * the draft and its editor do not wait for them (docs/performance.md counts every KiB).
 */
const historyChunk = retryingImport(() => import('./historyChunk'));
const HistorySectionLazy = lazy(async () => ({ default: (await historyChunk()).HistorySection }));
const ChangesLazy = lazy(async () => ({ default: (await historyChunk()).ChangesSinceLastVisit }));

export function HistorySection(props: ComponentProps<typeof HistorySectionLazy>) {
  return (
    <Suspense fallback={null}>
      <HistorySectionLazy {...props} />
    </Suspense>
  );
}

export function ChangesSinceLastVisit(props: ComponentProps<typeof ChangesLazy>) {
  return (
    <Suspense fallback={null}>
      <ChangesLazy {...props} />
    </Suspense>
  );
}
