/** How many times a chunk's download is tried before the page shows its error. */
const ATTEMPTS = 4;
/** Wait before trying again when the browser thinks it is online (the link may be flaky). */
const RETRY_DELAY_MS = 1_500;

function nextTry(): Promise<void> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    return new Promise((resolve) => window.addEventListener('online', () => resolve(), { once: true }));
  }
  return new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
}

/**
 * A lazy chunk's import, tried again when it fails: on a phone that loses the link while a
 * chunk downloads (the editor, ~110 KiB brotli, takes seconds on a poor link), the part waits
 * for the link to come back instead of the whole page giving way to the route's error page.
 * Offline, it waits for the browser's `online` event; otherwise it tries again after a pause.
 * After ATTEMPTS failures the error goes on (the route's error page offers a reload).
 */
export function retryingImport<T>(load: () => Promise<T>): () => Promise<T> {
  return async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await load();
      } catch (err) {
        if (attempt >= ATTEMPTS) throw err;
        await nextTry();
      }
    }
  };
}
