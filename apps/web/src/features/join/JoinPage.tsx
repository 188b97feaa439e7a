import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../shell/useDocumentTitle';
import { JoinForm } from './JoinForm';
import { displayCode, normaliseCode } from './joinSession';

/** `/j/:code`: where the QR codes and join links lead. Asks only for a name (and optional group). */
export function JoinPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const normalised = normaliseCode(code);
  useDocumentTitle(t('joinPage.heading'));
  return (
    <section className="narrow" aria-labelledby="join-heading">
      <h1 id="join-heading">{t('joinPage.heading')}</h1>
      <p>
        {t('joinPage.code')} <strong className="code">{displayCode(normalised)}</strong>
      </p>
      <JoinForm code={normalised} labelledBy="join-heading" />
    </section>
  );
}
