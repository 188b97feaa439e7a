import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { ErrorAlert } from '../shell/ErrorAlert';

interface Props {
  sessionId: string;
  token: string;
  /** From the snapshot; undefined while loading. */
  place: string | null | undefined;
}

/** Facilitators: where the session meets, printed in the report's session block (empty: none). */
export function PlaceSetting({ sessionId, token, place }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [typed, setTyped] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const value = typed ?? place ?? '';

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const { session } = await api.setPlace(sessionId, token, value.trim() === '' ? null : value.trim());
      setTyped(session.place ?? '');
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="form place-setting"
      aria-labelledby={`${id}-label`}
      onSubmit={onSubmit}
      data-testid="place-setting"
    >
      <div className="field">
        <label id={`${id}-label`} htmlFor={`${id}-place`}>
          {t('session.place.label')}
        </label>
        <input
          id={`${id}-place`}
          name="place"
          maxLength={120}
          autoComplete="off"
          aria-describedby={`${id}-hint`}
          value={value}
          onChange={(e) => {
            setTyped(e.target.value);
            setSaved(false);
          }}
        />
        <p id={`${id}-hint`} className="hint">
          {t('session.place.hint')}
        </p>
      </div>
      <ErrorAlert error={error} />
      <p role="status">{saved ? t('session.place.saved') : ''}</p>
      <div className="actions">
        <button type="submit" className="button" aria-disabled={busy}>
          {t('session.place.save')}
        </button>
      </div>
    </form>
  );
}
