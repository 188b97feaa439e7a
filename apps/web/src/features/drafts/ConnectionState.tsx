import { useTranslation } from 'react-i18next';
import type { DraftStatus } from '../../lib/draftProvider';

/**
 * The draft's connection in words (the dot only repeats it). A polite live region, so screen
 * readers hear "Reconnecting…" without losing their place in the text.
 */
export function ConnectionState({ status }: { status: DraftStatus }) {
  const { t } = useTranslation();
  const { connection, unsynced, pending, refusal } = status;
  const state = refusal ? 'refused' : connection;
  return (
    <p
      className={`connection connection--${state}`}
      role="status"
      aria-live="polite"
      data-testid="connection-state"
      data-state={state}
      data-unsynced={unsynced}
      data-pending={pending}
    >
      <span className="connection__dot" aria-hidden="true" />
      {t(`drafts.connection.${state}`)}
      {unsynced && (
        <>
          {' · '}
          <strong>{t('drafts.connection.unsynced')}</strong>
        </>
      )}
    </p>
  );
}
