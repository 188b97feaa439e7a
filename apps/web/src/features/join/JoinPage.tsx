import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { credentialsForCode } from '../../lib/credentials';
import { useDocumentTitle } from '../shell/useDocumentTitle';
import { JoinForm } from './JoinForm';
import { displayCode, normaliseCode } from './joinSession';

/**
 * `/j/:code`: where the QR codes and join links lead. Asks only for a name (and optional
 * group). Someone who already joined with this code on this device is offered to continue.
 */
export function JoinPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const normalised = normaliseCode(code);
  const already = useMemo(() => credentialsForCode(normalised), [normalised]);
  useDocumentTitle(t('joinPage.heading'));
  return (
    <section className="narrow" aria-labelledby="join-heading">
      <h1 id="join-heading">{t('joinPage.heading')}</h1>
      <p>
        {t('joinPage.code')} <strong className="code">{displayCode(normalised)}</strong>
      </p>
      {already && (
        <div className="notice" data-testid="already-joined">
          <p>{t('joinPage.already', { name: already.participant.name })}</p>
          <p>
            <Link className="button button--primary" to={`/s/${encodeURIComponent(already.sessionId)}`}>
              {t('joinPage.continue', { name: already.participant.name })}
            </Link>
          </p>
          <p>{t('joinPage.someoneElse')}</p>
        </div>
      )}
      <JoinForm code={normalised} labelledBy="join-heading" />
    </section>
  );
}
