/**
 * How long the object URL of a saved file lives. The download starts synchronously on click,
 * but some browsers (Safari, Firefox) read the URL a little later.
 */
const REVOKE_AFTER_MS = 60_000;

/** Saves a fetched file: a temporary <a download> on an object URL, clicked once. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
