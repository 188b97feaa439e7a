import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_FORMATS, REPORT_LANGUAGES, type ReportFormat, type ReportLanguage } from '@roundtable/protocol/client';
import { api } from '../../lib/api';
import { ErrorAlert } from '../shell/ErrorAlert';
import { PlaceSetting } from './PlaceSetting';
import { saveFile } from './saveFile';

interface Props {
  sessionId: string;
  token: string;
  /** The session's language: the report's, unless the facilitator picks another. */
  language?: ReportLanguage;
  /** The session's place (printed in the report); undefined while loading. */
  place?: string | null;
}

/**
 * Facilitators: download the session report. The API needs the bearer token, so the file is
 * fetched and then saved from a Blob rather than opened through a plain link.
 */
export function ReportDownloads({ sessionId, token, language, place }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [participants, setParticipants] = useState(false);
  const [chosenLang, setLang] = useState<ReportLanguage | null>(null);
  const lang = chosenLang ?? language ?? 'fr';
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function download(format: ReportFormat) {
    if (busy) return;
    setBusy(format);
    setError(null);
    setSaved(null);
    try {
      const file = await api.downloadReport(sessionId, token, format, participants, lang);
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
      <PlaceSetting sessionId={sessionId} token={token} place={place} />
      <div className="field field--compact">
        <label htmlFor={`${id}-lang`}>{t('report.language')}</label>
        <select
          id={`${id}-lang`}
          name="lang"
          value={lang}
          onChange={(e) => setLang(e.target.value as ReportLanguage)}
          data-testid="report-lang"
        >
          {REPORT_LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {l === 'fr+nl' ? t('report.bilingual') : t(`languages.${l}`)}
            </option>
          ))}
        </select>
      </div>
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
