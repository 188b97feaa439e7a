import { useId, useRef, useState, type FormEvent } from 'react';
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

/** Days as typed: null when empty (names kept), undefined when not a whole number of 1..MAX_RETENTION_DAYS. */
export function parseRetentionDays(typed: string): number | null | undefined {
  const value = typed.trim();
  if (value === '') return null;
  if (!/^\d{1,5}$/.test(value)) return undefined;
  const days = Number(value);
  return days >= 1 && days <= MAX_RETENTION_DAYS ? days : undefined;
}

/**
 * Facilitators: after how many days the names become "Participant 1…n" (empty: kept).
 * A text field checked here rather than `type="number"`: a number field reads "e" or "1e" as
 * empty, which would save "names kept" without a word; the browser's own bubble is neither in
 * the session's language nor read with the field.
 */
export function RetentionSetting({ sessionId, token, retentionDays, anonymisedAt }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [days, setDays] = useState<string | null>(null);
  const [problem, setProblem] = useState(false);
  const value = days ?? (retentionDays == null ? '' : String(retentionDays));
  const { busy, error, saved, onSubmit, changed } = useSaveForm(() =>
    api.setRetention(sessionId, token, parseRetentionDays(value) ?? null),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    if (parseRetentionDays(value) === undefined) {
      event.preventDefault();
      setProblem(true);
      changed();
      input.current?.focus();
      return;
    }
    setProblem(false);
    void onSubmit(event);
  }

  return (
    <form className="form card" aria-labelledby={`${id}-label`} onSubmit={submit} noValidate data-testid="retention">
      <div className="field">
        <label id={`${id}-label`} htmlFor={`${id}-days`}>
          {t('people.retention.label')}
        </label>
        <input
          ref={input}
          id={`${id}-days`}
          name="retentionDays"
          inputMode="numeric"
          autoComplete="off"
          aria-invalid={problem}
          aria-describedby={problem ? `${id}-error ${id}-hint` : `${id}-hint`}
          value={value}
          data-testid="retention-days"
          onChange={(e) => {
            setDays(e.target.value);
            changed();
          }}
        />
        {problem && (
          <p id={`${id}-error`} className="alert alert--error" role="alert" data-testid="retention-error">
            {t('people.retention.invalid', { max: MAX_RETENTION_DAYS })}
          </p>
        )}
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
        <button type="submit" className="button" aria-disabled={busy} data-testid="retention-save">
          {t('people.retention.save')}
        </button>
      </div>
    </form>
  );
}
