import { useId, useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_INVITATIONS, type InvitationDto } from '@roundtable/protocol/client';
import { api } from '../../lib/api';
import { ErrorAlert } from '../shell/ErrorAlert';
import { InvitationCard } from './InvitationCard';
import { parseInvitees } from './parseInvitees';

/** An imported file larger than this is not a list of 500 people: it is not read. */
const MAX_IMPORT_BYTES = 512 * 1024;

interface Props {
  sessionId: string;
  token: string;
  /** After invitations were created (the attendance lists the new people). */
  onInvited: () => void;
}

/**
 * Facilitators: a typed or imported list of invitees becomes personal codes, shown once as
 * printable cards (the server keeps only their hashes, so they live in this page's memory).
 */
export function InvitationsPanel({ sessionId, token, onInvited }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [invitations, setInvitations] = useState<InvitationDto[]>([]);
  const parsed = useMemo(() => parseInvitees(text), [text]);

  async function onImport(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file || file.size > MAX_IMPORT_BYTES) return;
    setText(await file.text());
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || parsed.people.length === 0 || parsed.problems.length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const res = await api.invite(sessionId, token, { people: parsed.people });
      setInvitations((before) => [...before, ...res.invitations]);
      setText('');
      onInvited();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card people-invite" aria-labelledby={`${id}-heading`} data-testid="invitations">
      <h3 id={`${id}-heading`}>{t('people.invite.heading')}</h3>
      <p className="hint">{t('people.invite.explain')}</p>
      <form className="form" onSubmit={onSubmit} aria-labelledby={`${id}-heading`}>
        <div className="field">
          <label htmlFor={`${id}-list`}>{t('people.invite.listLabel')}</label>
          <textarea
            id={`${id}-list`}
            name="invitees"
            rows={6}
            aria-describedby={`${id}-list-hint ${id}-status`}
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="invitees"
          />
          <p id={`${id}-list-hint`} className="hint">
            {t('people.invite.listHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('people.invite.importLabel')}</label>
          <input id={`${id}-file`} type="file" accept=".csv,text/csv,text/plain" onChange={onImport} />
        </div>
        <div id={`${id}-status`} aria-live="polite">
          {parsed.problems.length > 0 ? (
            <ul className="problems" data-testid="invitee-problems">
              {parsed.problems.map((p) => (
                <li key={`${p.line}-${p.problem}`}>
                  {t('people.invite.invalidLine', {
                    line: p.line,
                    problem: t(`people.invite.problems.${p.problem}`, { value: p.value, max: MAX_INVITATIONS }),
                  })}
                </li>
              ))}
            </ul>
          ) : (
            parsed.people.length > 0 && (
              <p className="hint">{t('people.invite.ready', { count: parsed.people.length })}</p>
            )
          )}
        </div>
        <ErrorAlert error={error} />
        <div className="actions">
          <button
            type="submit"
            className="button button--primary"
            aria-disabled={busy || parsed.people.length === 0 || parsed.problems.length > 0}
            data-testid="create-invitations"
          >
            {t('people.invite.submit')}
          </button>
        </div>
      </form>

      {invitations.length > 0 && (
        <section className="invitation-sheet" aria-labelledby={`${id}-cards-heading`}>
          <h4 id={`${id}-cards-heading`}>{t('people.invite.cardsLabel')}</h4>
          <p role="status">{t('people.invite.created', { count: invitations.length })}</p>
          <p className="hint">{t('people.invite.onceOnly')}</p>
          <div className="actions">
            <button type="button" className="button" onClick={() => window.print()}>
              {t('people.invite.print')}
            </button>
          </div>
          <ul className="invitation-cards">
            {invitations.map((invitation) => (
              <InvitationCard key={invitation.participantId} invitation={invitation} />
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
