import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEETING_ERRORS, useMeetingCommand } from '../meeting/meetingCommands';
import { ConfirmDialog } from '../shell/ConfirmDialog';
import { ErrorAlert } from '../shell/ErrorAlert';

/**
 * Facilitator: erases every phase's notes for good (confidentiality, once the intervision is
 * over). A modal asks first, with Cancel focused: nothing can bring the notes back.
 */
export function EraseNotes() {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [erased, setErased] = useState(false);
  const { send, pending, error } = useMeetingCommand();

  async function erase() {
    if (await send('intervision:erase', { confirm: true })) {
      setConfirming(false);
      setErased(true);
    }
  }

  return (
    <div className="erase-notes">
      <button
        type="button"
        className="button button--danger"
        data-testid="erase-notes"
        onClick={() => {
          setErased(false);
          setConfirming(true);
        }}
      >
        {t('intervision.erase.button')}
      </button>
      <p role="status" className="form__status" data-testid="erase-status">
        {erased && t('intervision.erase.done')}
      </p>
      <ConfirmDialog
        open={confirming}
        destructive
        title={t('intervision.erase.title')}
        confirmLabel={pending ? t('intervision.erase.erasing') : t('intervision.erase.confirm')}
        cancelLabel={t('common.cancel')}
        busy={pending !== null}
        onConfirm={() => void erase()}
        onCancel={() => setConfirming(false)}
        testId="erase-dialog"
      >
        <p>{t('intervision.erase.body')}</p>
        <ErrorAlert error={error} overrides={MEETING_ERRORS} />
      </ConfirmDialog>
    </div>
  );
}
