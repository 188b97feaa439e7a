import { useState, type FormEvent } from 'react';

/**
 * A form that saves one thing: ignores a second submit while the first runs, shows the
 * error of the last try, and says "saved" after a success until the next try (or, with
 * `changed`, until the person edits again).
 */
export function useSaveForm(save: () => Promise<unknown>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await save();
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, saved, onSubmit, changed: () => setSaved(false) };
}
