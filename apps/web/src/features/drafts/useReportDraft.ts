import { useEffect } from 'react';
import type { Draft } from '../../lib/draftProvider';
/** Hands the workspace's live draft to the page, and takes it back when the workspace closes. */
export function useReportDraft(draft: Draft | null, onDraft: ((draft: Draft | null) => void) | undefined): void {
  useEffect(() => {
    if (!draft || !onDraft) return;
    onDraft(draft);
    return () => onDraft(null);
  }, [draft, onDraft]);
}
