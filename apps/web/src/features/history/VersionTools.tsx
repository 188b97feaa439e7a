import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useSessionContext } from '../session/sessionContext';
import { ConfirmDialog } from '../shell/ConfirmDialog';
import { useSaveForm } from '../shell/useSaveForm';
import { ErrorAlert } from '../shell/ErrorAlert';
import { FormField } from '../shell/FormField';
import { type DraftVersionDto, MAX_VERSION_LABEL_LENGTH } from '@roundtable/protocol/client';

/** Facilitator: keeps the draft as it is now as a version, with an optional label ("after the break"). */
export function SaveVersionForm({ recommendationId, onSaved }: { recommendationId: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const { credentials } = useSessionContext();
  const [label, setLabel] = useState('');
  const { busy, error, saved, onSubmit } = useSaveForm(async () => {
    await api.saveVersion(credentials.sessionId, credentials.token, recommendationId, label.trim() || undefined);
    setLabel('');
    onSaved();
  });

  return (
    <form className="form form--inline save-version" data-testid="save-version-form" onSubmit={(e) => void onSubmit(e)}>
      <FormField id={`${id}-label`} label={t('history.save.label')} optional>
        {(control) => (
          <input
            {...control}
            name="label"
            maxLength={MAX_VERSION_LABEL_LENGTH}
            value={label}
            data-testid="save-version-label"
            onChange={(e) => setLabel(e.target.value)}
          />
        )}
      </FormField>
      <button type="submit" className="button" aria-disabled={busy} data-testid="save-version-submit">
        {busy ? t('history.save.saving') : t('history.save.submit')}
      </button>
      <ErrorAlert error={error} overrides={{ rate_limited: 'errors.versionRateLimited' }} />
      <p role="status" className="form__status">
        {saved && t('history.save.saved')}
      </p>
    </form>
  );
}

/**
 * Facilitator: brings a version's texts back into the draft, after a confirmation. The restore
 * is a new edit that everyone sees: the versions after it stay in the history.
 */
export function RestoreVersionButton({
  recommendationId,
  version,
  name,
  onRestored,
}: {
  recommendationId: string;
  version: DraftVersionDto;
  /** How the history names this version ("Version 3"). */
  name: string;
  onRestored: () => void;
}) {
  const { t } = useTranslation();
  const { credentials } = useSessionContext();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function restore() {
    setBusy(true);
    setError(null);
    try {
      await api.restoreVersion(credentials.sessionId, credentials.token, recommendationId, version.id);
      setOpen(false);
      onRestored();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className="button button--small"
        data-testid="restore-version"
        onClick={() => setOpen(true)}
      >
        {t('history.restore.button')}
        <span className="visually-hidden"> ({name})</span>
      </button>
      <ErrorAlert
        error={error}
        overrides={{ conflict: 'errors.restoreConflict', rate_limited: 'errors.versionRateLimited' }}
      />
      <ConfirmDialog
        open={open}
        title={t('history.restore.title', { name })}
        confirmLabel={busy ? t('history.restore.restoring') : t('history.restore.confirm')}
        cancelLabel={t('common.cancel')}
        busy={busy}
        onConfirm={() => void restore()}
        onCancel={() => setOpen(false)}
        testId="restore-dialog"
      >
        <p>{t('history.restore.body')}</p>
      </ConfirmDialog>
    </>
  );
}
