import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SocketStatus } from '../../lib/socket';

/** Says when the live list and presence may be stale. Silent while all is well. */
export function LiveUpdatesNotice({ status }: { status: SocketStatus }) {
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite" className="live-notice-region">
      {status === 'disconnected' && <p className="alert alert--warning">{t('session.live.disconnected')}</p>}
      {status === 'refused' && (
        <p className="alert alert--error">
          {t('session.live.refused')} <Link to="/">{t('session.notJoined.link')}</Link>
        </p>
      )}
    </div>
  );
}
