import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MEETING_ERRORS, useMeetingCommand } from '../meeting/meetingCommands';
import { useSessionContext } from '../session/sessionContext';
import { publicSummaryUrl } from '../session/useQrCode';
import { ErrorAlert } from '../shell/ErrorAlert';

/** Facilitators: publish (or withdraw) the read-only public summary; the projector shows its QR code. */
export function PublicSummary() {
  const { t } = useTranslation();
  const id = useId();
  const { meeting } = useSessionContext();
  const { send, pending, error } = useMeetingCommand();
  if (!meeting) return null;
  const key = meeting.publicSummaryKey;
  const url = key ? publicSummaryUrl(meeting.sessionId, key) : null;
  return (
    <section className="card" aria-labelledby={`${id}-heading`} data-testid="public-summary">
      <h2 id={`${id}-heading`}>{t('report.publicSummary.heading')}</h2>
      <p className="hint">{t('report.publicSummary.explain')}</p>
      {url && (
        <p role="status">
          {t('report.publicSummary.published')}{' '}
          <a href={url} target="_blank" rel="noreferrer" data-testid="public-summary-link">
            {t('report.publicSummary.open')}
          </a>
        </p>
      )}
      <button
        type="button"
        className="button"
        data-testid="public-summary-toggle"
        aria-disabled={pending !== null}
        onClick={() => void send('summary:publish', { published: key === null })}
      >
        {key === null ? t('report.publicSummary.publish') : t('report.publicSummary.unpublish')}
      </button>
      <ErrorAlert error={error} overrides={MEETING_ERRORS} />
    </section>
  );
}
