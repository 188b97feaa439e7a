import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_FORMATS, type ReportFormat } from '@roundtable/protocol';
import { api } from '../../lib/api';
import { ErrorAlert } from '../shell/ErrorAlert';
import { saveFile } from './saveFile';

interface Props {
  sessionId: string;
  token: string;
}

/**
 * Facilitators: download the session report. The API needs the bearer token, so the file is
 * fetched and then saved from a Blob rather than opened through a plain link.
 */
export function ReportDownloads({ sessionId, token }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [participants, setParticipants] = useState(false);
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function download(format: ReportFormat) {
    if (busy) return;
    setBusy(format);
    setError(null);
    setSaved(null);
    try {
      const file = await api.downloadReport(sessionId, token, format, participants);
      saveFile(file.blob, file.filename);
      setSaved(file.filename);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card report" aria-labelledby={`${id}-heading`} data-testid="report-downloads">
      <h2 id={`${id}-heading`}>{t('report.heading')}</h2>
      <p className="hint">{t('report.explain')}</p>
      <label className="checkbox">
        <input
          type="checkbox"
          name="participants"
          checked={participants}
          aria-describedby={`${id}-participants-hint`}
          onChange={(e) => setParticipants(e.target.checked)}
          data-testid="report-participants"
        />
        {t('report.participants')}
      </label>
      <p id={`${id}-participants-hint`} className="hint">
        {t('report.participantsHint')}
      </p>
      <div className="actions">
        {REPORT_FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            className="button"
            data-testid={`report-${format}`}
            aria-disabled={busy !== null}
            onClick={() => void download(format)}
          >
            {busy === format ? t('report.downloading') : t(`report.formats.${format}`)}
          </button>
        ))}
      </div>
      <ErrorAlert error={error} overrides={{ not_found: 'errors.reportUnavailable' }} />
      <p role="status" className="form__status">
        {saved && t('report.saved', { filename: saved })}
      </p>
    </section>
  );
}
