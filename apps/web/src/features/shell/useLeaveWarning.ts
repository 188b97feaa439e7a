import { useEffect } from 'react';

/**
 * While `active`, leaving or reloading the page asks first (the browser's own dialog; its
 * words are the browser's). Used while changes are not confirmed by the server: they are kept
 * in this browser, but nobody else sees them until the page comes back.
 */
export function useLeaveWarning(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium and Safari show the dialog only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [active]);
}
