import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isPersonalCode, normaliseShortCode } from '@roundtable/domain';
import type { ArrivalState } from '../session/SessionHeader';
import { ORGANISATION_TYPES, type OrganisationType } from '@roundtable/protocol/client';
import { ErrorAlert } from '../shell/ErrorAlert';
import { FormField } from '../shell/FormField';
import { NameField } from './NameField';
import { joinSession } from './joinSession';

/** Sent with a personal code, whose invitee the server already knows by name (JoinBody needs one). */
const INVITED_NAME = '-';

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
  // A personal invitation names its person: the server keeps the invited name and ignores ours.
  const personal = isPersonalCode(normaliseShortCode(givenCode ?? code));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const joined = await joinSession({
        code: givenCode ?? code,
        name: personal ? INVITED_NAME : name,
        organisation,
        organisationType: organisationType || undefined,
      });
      void navigate(`/s/${encodeURIComponent(joined.sessionId)}`, { state: { arrived: true } satisfies ArrivalState });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <form className="form" data-testid="join-form" aria-labelledby={labelledBy} onSubmit={onSubmit}>
      {givenCode === undefined && (
        <FormField id={`${id}-code`} label={t('join.code')} hint={t('join.codeHint')}>
          {(control) => (
            <input
              {...control}
              name="code"
              required
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </FormField>
      )}
      {personal ? (
        <p className="hint" data-testid="join-personal">
          {t('join.personal')}
        </p>
      ) : (
        <>
          <NameField
            id={`${id}-name`}
            label={t('join.name')}
            hint={t('join.nameHint')}
            value={name}
            onChange={setName}
          />
          <FormField id={`${id}-organisation`} label={t('join.organisation')} optional>
            {(control) => (
              <input
                {...control}
                name="organisation"
                maxLength={120}
                autoComplete="organization"
                value={organisation}
                onChange={(e) => setOrganisation(e.target.value)}
              />
            )}
          </FormField>
          <FormField
            id={`${id}-organisation-type`}
            label={t('join.organisationType')}
            optional
            hint={t('join.organisationTypeHint')}
          >
            {(control) => (
              <select
                {...control}
                name="organisationType"
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
            )}
          </FormField>
        </>
      )}
      <ErrorAlert error={error} overrides={{ forbidden: 'errors.wrongCode' }} />
      <button className="button button--primary" type="submit" aria-disabled={busy}>
        {busy ? t('join.submitting') : t('join.submit')}
      </button>
    </form>
  );
}
