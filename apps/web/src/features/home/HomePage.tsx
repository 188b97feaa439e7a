import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../shell/useDocumentTitle';
import { JoinForm } from '../join/JoinForm';
import { CreateSessionForm } from './CreateSessionForm';

/** `/`: join a session with a code (what most people come for), or create one. */
export function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle(undefined);
  return (
    <>
      <h1>{t('home.heading')}</h1>
      <p className="lead">{t('home.intro')}</p>
      <div className="home-grid">
        {/* Join first: most people, on a phone, come with a code. */}
        <section className="card" aria-labelledby="join-heading">
          <h2 id="join-heading">{t('join.heading')}</h2>
          <JoinForm labelledBy="join-heading" />
        </section>
        <section className="card" aria-labelledby="create-heading">
          <h2 id="create-heading">{t('create.heading')}</h2>
          <CreateSessionForm labelledBy="create-heading" />
        </section>
      </div>
    </>
  );
}
