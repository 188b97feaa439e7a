import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ORGANISATION_TYPES, type OrganisationType } from '@roundtable/protocol';
import { ErrorAlert } from '../shell/ErrorAlert';
import { joinSession } from './joinSession';

interface Props {
  /** Code given by the page (e.g. from a join link); when absent the form asks for it. */
  code?: string;
  /** Heading id of the surrounding section, which names the form. */
  labelledBy: string;
}

/** Name, optional organisation and type, and the code when not given: joins, then opens the session. */
export function JoinForm({ code: givenCode, labelledBy }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [organisationType, setOrganisationType] = useState<OrganisationType | ''>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const joined = await joinSession({
        code: givenCode ?? code,
        name,
        organisation,
        organisationType: organisationType || undefined,
      });
      void navigate(`/s/${encodeURIComponent(joined.sessionId)}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <form className="form" data-testid="join-form" aria-labelledby={labelledBy} onSubmit={onSubmit}>
      {givenCode === undefined && (
        <div className="field">
          <label htmlFor={`${id}-code`}>{t('join.code')}</label>
          <input
            id={`${id}-code`}
            name="code"
            required
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-describedby={`${id}-code-hint`}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <p id={`${id}-code-hint`} className="hint">
            {t('join.codeHint')}
          </p>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('join.name')}</label>
        <input
          id={`${id}-name`}
          name="name"
          required
          maxLength={80}
          autoComplete="name"
          aria-describedby={`${id}-name-hint`}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <p id={`${id}-name-hint`} className="hint">
          {t('join.nameHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-organisation`}>
          {t('join.organisation')} <span className="optional">{t('common.optional')}</span>
        </label>
        <input
          id={`${id}-organisation`}
          name="organisation"
          maxLength={120}
          autoComplete="organization"
          value={organisation}
          onChange={(e) => setOrganisation(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-organisation-type`}>
          {t('join.organisationType')} <span className="optional">{t('common.optional')}</span>
        </label>
        <select
          id={`${id}-organisation-type`}
          name="organisationType"
          aria-describedby={`${id}-organisation-type-hint`}
          value={organisationType}
          onChange={(e) => setOrganisationType(e.target.value as OrganisationType | '')}
        >
          <option value="">{t('join.organisationTypeNone')}</option>
          {ORGANISATION_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`organisationTypes.${type}`)}
            </option>
          ))}
        </select>
        <p id={`${id}-organisation-type-hint`} className="hint">
          {t('join.organisationTypeHint')}
        </p>
      </div>
      <ErrorAlert error={error} overrides={{ forbidden: 'errors.wrongCode' }} />
      <button className="button button--primary" type="submit" aria-disabled={busy}>
        {busy ? t('join.submitting') : t('join.submit')}
      </button>
    </form>
  );
}
