import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useSaveForm } from '../shell/useSaveForm';
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
  const value = typed ?? place ?? '';
  const { busy, error, saved, onSubmit, changed } = useSaveForm(async () => {
    const { session } = await api.setPlace(sessionId, token, value.trim() === '' ? null : value.trim());
    setTyped(session.place ?? '');
  });

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
            changed();
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
