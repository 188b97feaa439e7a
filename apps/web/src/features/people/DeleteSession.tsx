import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { forgetCredentials } from '../../lib/credentials';
import { ConfirmDialog } from '../shell/ConfirmDialog';
import { ErrorAlert } from '../shell/ErrorAlert';

/** Facilitators: delete the session for good, after a confirmation that defaults to Cancel. */
export function DeleteSession({ sessionId, token }: { sessionId: string; token: string }) {
  const { t } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function remove() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.deleteSession(sessionId, token);
      forgetCredentials(sessionId);
      void navigate('/');
    } catch (err) {
      setError(err);
      setBusy(false);
      setConfirming(false);
    }
  }

  return (
    <section className="card danger-zone" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('people.delete.heading')}</h3>
      <p className="hint">{t('people.delete.explain')}</p>
      <ErrorAlert error={error} />
      <div className="actions">
        <button
          type="button"
          className="button button--danger"
          onClick={() => setConfirming(true)}
          data-testid="delete-session"
        >
          {t('people.delete.button')}
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('people.delete.title')}
        confirmLabel={t('people.delete.confirm')}
        cancelLabel={t('common.cancel')}
        destructive
        busy={busy}
        testId="delete-dialog"
        onCancel={() => setConfirming(false)}
        onConfirm={() => void remove()}
      >
        <p>{t('people.delete.body')}</p>
      </ConfirmDialog>
    </section>
  );
}
