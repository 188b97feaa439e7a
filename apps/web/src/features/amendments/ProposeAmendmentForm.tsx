import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AmendmentDto,
  type ErrorCode,
  type Language,
  MAX_AMENDMENT_REASON_LENGTH,
  MAX_PASSAGE_LENGTH,
} from '@roundtable/protocol/client';
import { api } from '../../lib/api';
import { useSessionContext } from '../session/sessionContext';
import { ErrorAlert, type ErrorKey } from '../shell/ErrorAlert';
import { FormField } from '../shell/FormField';

const PROPOSE_ERRORS: Partial<Record<ErrorCode, ErrorKey>> = {
  conflict: 'errors.amendmentPassage',
  invalid_request: 'errors.amendmentInvalid',
  not_found: 'errors.recommendationNotFound',
};

interface Props {
  recommendationId: string;
  /** The draft's language versions; empty or one: no choice to make. */
  languages: readonly Language[];
  /** Starts from a passage selected in the draft. */
  initial: { original: string; lang?: Language } | null;
  onProposed: (amendment: AmendmentDto) => void;
  onCancel: () => void;
}

/**
 * Proposes a change to one passage of the draft: the passage (selected in the draft, or typed
 * or pasted here), what replaces it (empty: delete it), and why. The server accepts it only if
 * the passage occurs exactly once in that language version.
 */
export function ProposeAmendmentForm({ recommendationId, languages, initial, onProposed, onCancel }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const { credentials } = useSessionContext();
  const [original, setOriginal] = useState(initial?.original ?? '');
  const [replacement, setReplacement] = useState(initial?.original ?? '');
  const [reason, setReason] = useState('');
  const [lang, setLang] = useState<Language | undefined>(initial?.lang ?? languages[0]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const first = useRef<HTMLTextAreaElement>(null);
  const replacementField = useRef<HTMLTextAreaElement>(null);

  // From a selection the passage is there already: start where the person types the change.
  useEffect(() => {
    (initial ? replacementField : first).current?.focus();
  }, [initial]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    if (original.trim() === '') {
      setProblem(t('amendments.form.problemPassage'));
      first.current?.focus();
      return;
    }
    if (replacement === original) {
      setProblem(t('amendments.form.problemSame'));
      replacementField.current?.focus();
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      const { amendment } = await api.proposeAmendment(credentials.sessionId, credentials.token, recommendationId, {
        ...(languages.length > 1 && lang ? { lang } : {}),
        original,
        replacement,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      onProposed(amendment);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="form amendment-form"
      data-testid="amendment-form"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(e) => void onSubmit(e)}
    >
      <h3 id={`${id}-heading`}>{t('amendments.form.heading')}</h3>
      {languages.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-lang`}>{t('amendments.form.language')}</label>
          <select id={`${id}-lang`} value={lang} onChange={(e) => setLang(e.target.value as Language)}>
            {languages.map((l) => (
              <option key={l} value={l}>
                {t(`languages.${l}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      <FormField id={`${id}-original`} label={t('amendments.form.original')} hint={t('amendments.form.originalHint')}>
        {(control) => (
          <textarea
            {...control}
            ref={first}
            name="original"
            rows={3}
            maxLength={MAX_PASSAGE_LENGTH}
            lang={lang}
            aria-invalid={problem !== null && original.trim() === ''}
            data-testid="amendment-original"
            value={original}
            onChange={(e) => setOriginal(e.target.value)}
          />
        )}
      </FormField>
      <FormField
        id={`${id}-replacement`}
        label={t('amendments.form.replacement')}
        hint={t('amendments.form.replacementHint')}
      >
        {(control) => (
          <textarea
            {...control}
            ref={replacementField}
            name="replacement"
            rows={3}
            maxLength={MAX_PASSAGE_LENGTH}
            lang={lang}
            data-testid="amendment-replacement"
            value={replacement}
            onChange={(e) => setReplacement(e.target.value)}
          />
        )}
      </FormField>
      <FormField id={`${id}-reason`} label={t('amendments.form.reason')} optional>
        {(control) => (
          <textarea
            {...control}
            name="reason"
            rows={2}
            maxLength={MAX_AMENDMENT_REASON_LENGTH}
            data-testid="amendment-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </FormField>
      {problem && (
        <p className="alert alert--error" role="alert">
          {problem}
        </p>
      )}
      <ErrorAlert error={error} overrides={PROPOSE_ERRORS} />
      <div className="actions">
        <button className="button button--primary" type="submit" aria-disabled={busy} data-testid="amendment-submit">
          {busy ? t('amendments.form.submitting') : t('amendments.form.submit')}
        </button>
        <button className="button" type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
