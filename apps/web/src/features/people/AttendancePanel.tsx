import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPersonalCode } from '@roundtable/domain';
import type { AttendanceRow } from '@roundtable/protocol/client';
import { api } from '../../lib/api';
import { saveFile } from '../report/saveFile';
import { ConfirmDialog } from '../shell/ConfirmDialog';
import { ErrorAlert } from '../shell/ErrorAlert';

interface Props {
  sessionId: string;
  token: string;
  /** The facilitator's own row cannot be removed or merged away. */
  myId: string;
  /** null while loading. */
  people: AttendanceRow[] | null;
  reload: () => void;
}

/**
 * Facilitators: one row per person (present now, arrived, last seen), with a new code for a
 * lost card, removal (confirmed) and the merge of two rows that are one person.
 */
export function AttendancePanel({ sessionId, token, myId, people, reload }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [removing, setRemoving] = useState<AttendanceRow | null>(null);
  const [busy, setBusy] = useState(false);
  const [keep, setKeep] = useState('');
  const [duplicate, setDuplicate] = useState('');
  const time = (iso: string | null) =>
    iso ? new Date(iso).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' }) : '—';

  async function act(work: () => Promise<string | null>) {
    if (busy) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setNotice(await work());
      reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const newCode = (row: AttendanceRow) =>
    act(async () => {
      const { invitation } = await api.reissueCode(sessionId, token, row.participantId);
      return t('people.attendance.newCodeDone', { name: row.name, code: formatPersonalCode(invitation.code) });
    });

  function onMerge(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!keep || !duplicate || keep === duplicate) return;
    void act(async () => {
      const { person } = await api.mergeParticipants(sessionId, token, keep, duplicate);
      setKeep('');
      setDuplicate('');
      return t('people.attendance.merge.done', { name: person.name });
    });
  }

  async function download() {
    setError(null);
    try {
      const file = await api.downloadAttendance(sessionId, token);
      saveFile(file.blob, file.filename);
    } catch (err) {
      setError(err);
    }
  }

  const options = (people ?? []).map((p) => (
    <option key={p.participantId} value={p.participantId}>
      {p.name} ({t(`roles.${p.role}`)})
    </option>
  ));

  return (
    <section className="card attendance" aria-labelledby={`${id}-heading`} data-testid="attendance">
      <h3 id={`${id}-heading`}>{t('people.attendance.heading')}</h3>
      <div className="actions">
        <button type="button" className="button" onClick={reload} data-testid="attendance-refresh">
          {t('people.attendance.refresh')}
        </button>
        <button type="button" className="button" onClick={() => void download()}>
          {t('people.attendance.download')}
        </button>
      </div>
      <ErrorAlert error={error} />
      <p role="status" data-testid="attendance-notice">
        {notice}
      </p>
      {people === null ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : people.length === 0 ? (
        <p>{t('people.attendance.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="results-table attendance-table">
            <caption className="visually-hidden">{t('people.attendance.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('people.attendance.columns.name')}</th>
                <th scope="col">{t('people.attendance.columns.type')}</th>
                <th scope="col">{t('people.attendance.columns.role')}</th>
                <th scope="col">{t('people.attendance.columns.arrived')}</th>
                <th scope="col">{t('people.attendance.columns.lastSeen')}</th>
                <th scope="col">{t('people.attendance.columns.present')}</th>
                <th scope="col">{t('people.attendance.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.participantId} data-testid="attendance-row">
                  <th scope="row">
                    {p.name}
                    {p.invited && <span className="hint"> · {t('people.attendance.invited')}</span>}
                  </th>
                  <td>{p.organisationType ? t(`organisationTypes.${p.organisationType}`) : '—'}</td>
                  <td>{t(`roles.${p.role}`)}</td>
                  <td>{p.firstSeenAt ? time(p.firstSeenAt) : t('people.attendance.notYet')}</td>
                  <td>{time(p.lastSeenAt)}</td>
                  <td>{p.online ? t('people.attendance.online') : t('people.attendance.offline')}</td>
                  <td>
                    {p.participantId !== myId && (
                      <div className="attendance-table__actions">
                        {p.role !== 'facilitator' && (
                          <button
                            type="button"
                            className="button button--small"
                            aria-label={t('people.attendance.newCodeFor', { name: p.name })}
                            onClick={() => void newCode(p)}
                          >
                            {t('people.attendance.newCode')}
                          </button>
                        )}
                        <button
                          type="button"
                          className="button button--small button--danger"
                          aria-label={t('people.attendance.removeFor', { name: p.name })}
                          onClick={() => setRemoving(p)}
                          data-testid="attendance-remove"
                        >
                          {t('people.attendance.remove')}
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {people && people.length > 1 && (
        <form className="form merge-form" aria-labelledby={`${id}-merge-heading`} onSubmit={onMerge}>
          <h4 id={`${id}-merge-heading`}>{t('people.attendance.merge.heading')}</h4>
          <p className="hint">{t('people.attendance.merge.explain')}</p>
          <div className="field">
            <label htmlFor={`${id}-keep`}>{t('people.attendance.merge.keep')}</label>
            <select id={`${id}-keep`} value={keep} required onChange={(e) => setKeep(e.target.value)}>
              <option value="">{t('people.attendance.merge.choose')}</option>
              {options}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-duplicate`}>{t('people.attendance.merge.duplicate')}</label>
            <select id={`${id}-duplicate`} value={duplicate} required onChange={(e) => setDuplicate(e.target.value)}>
              <option value="">{t('people.attendance.merge.choose')}</option>
              {options}
            </select>
          </div>
          <div className="actions">
            <button type="submit" className="button" aria-disabled={busy || !keep || !duplicate || keep === duplicate}>
              {t('people.attendance.merge.submit')}
            </button>
          </div>
        </form>
      )}

      <ConfirmDialog
        open={removing !== null}
        title={t('people.attendance.removeTitle', { name: removing?.name ?? '' })}
        confirmLabel={t('people.attendance.removeConfirm')}
        cancelLabel={t('common.cancel')}
        destructive
        busy={busy}
        testId="remove-dialog"
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          const row = removing;
          setRemoving(null);
          if (!row) return;
          void act(async () => {
            await api.removeParticipant(sessionId, token, row.participantId);
            return null;
          });
        }}
      >
        <p>{t('people.attendance.removeBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
