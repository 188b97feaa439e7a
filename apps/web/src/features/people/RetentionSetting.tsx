import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_RETENTION_DAYS } from '@roundtable/protocol/client';
import { api } from '../../lib/api';
import { useSaveForm } from '../shell/useSaveForm';
import { ErrorAlert } from '../shell/ErrorAlert';

interface Props {
  sessionId: string;
  token: string;
  /** From the snapshot; undefined while loading. */
  retentionDays: number | null | undefined;
  anonymisedAt: string | null | undefined;
}

/** Facilitators: after how many days the names become "Participant 1…n" (empty: kept). */
export function RetentionSetting({ sessionId, token, retentionDays, anonymisedAt }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [days, setDays] = useState<string | null>(null);
  const value = days ?? (retentionDays == null ? '' : String(retentionDays));
  const { busy, error, saved, onSubmit } = useSaveForm(() =>
    api.setRetention(sessionId, token, value === '' ? null : Number(value)),
  );

  return (
    <form className="form card" aria-labelledby={`${id}-label`} onSubmit={onSubmit}>
      <div className="field">
        <label id={`${id}-label`} htmlFor={`${id}-days`}>
          {t('people.retention.label')}
        </label>
        <input
          id={`${id}-days`}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_RETENTION_DAYS}
          step={1}
          aria-describedby={`${id}-hint`}
          value={value}
          onChange={(e) => setDays(e.target.value)}
        />
        <p id={`${id}-hint`} className="hint">
          {t('people.retention.hint')}
        </p>
      </div>
      {anonymisedAt && (
        <p>{t('people.retention.done', { date: new Date(anonymisedAt).toLocaleDateString(i18n.language) })}</p>
      )}
      <ErrorAlert error={error} />
      <p role="status">{saved ? t('people.retention.saved') : ''}</p>
      <div className="actions">
        <button type="submit" className="button" aria-disabled={busy}>
          {t('people.retention.save')}
        </button>
      </div>
    </form>
  );
}
