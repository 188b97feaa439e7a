import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RotateCodesResponse } from '@roundtable/protocol/client';
import { api } from '../../lib/api';
import { ConfirmDialog } from '../shell/ConfirmDialog';
import { ErrorAlert } from '../shell/ErrorAlert';

interface Props {
  sessionId: string;
  token: string;
  /** From the snapshot; undefined while loading. */
  openJoin: boolean | undefined;
  onRotated: (codes: RotateCodesResponse['codes']) => void;
}

/** Facilitators: whether the shared codes still join, and new shared codes when one leaked. */
export function DoorControls({ sessionId, token, openJoin, onRotated }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState<boolean | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [rotated, setRotated] = useState(false);
  const shown = open ?? openJoin ?? true;

  async function run(work: () => Promise<void>) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="door" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('people.door.heading')}</h3>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={shown}
          aria-describedby={`${id}-hint`}
          disabled={openJoin === undefined}
          onChange={(e) => {
            const next = e.target.checked;
            void run(async () => {
              const { session } = await api.setOpenJoin(sessionId, token, next);
              setOpen(session.openJoin);
            });
          }}
          data-testid="open-join"
        />
        {t('people.door.openJoin')}
      </label>
      <p id={`${id}-hint`} className="hint" aria-live="polite">
        {shown ? '' : t('people.door.closedHint')}
      </p>
      <div className="actions">
        <button type="button" className="button" onClick={() => setConfirming(true)} data-testid="rotate-codes">
          {t('people.door.rotate')}
        </button>
      </div>
      <p role="status">{rotated ? t('people.door.rotated') : ''}</p>
      <ErrorAlert error={error} />
      <ConfirmDialog
        open={confirming}
        title={t('people.door.rotateTitle')}
        confirmLabel={t('people.door.rotateConfirm')}
        cancelLabel={t('common.cancel')}
        busy={busy}
        testId="rotate-dialog"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void run(async () => {
            const { codes } = await api.rotateCodes(sessionId, token);
            onRotated(codes);
            setRotated(true);
          });
        }}
      >
        <p>{t('people.door.rotateBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
