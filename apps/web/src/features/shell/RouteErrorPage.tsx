import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/**
 * Shown when a page throws or its code cannot be downloaded (a poor link can fail to fetch the
 * editor's chunk): reloading usually helps, so offer that first.
 */
export function RouteErrorPage() {
  const { t } = useTranslation();
  return (
    <section className="narrow">
      <h1>{t('routeError.heading')}</h1>
      <p>{t('routeError.body')}</p>
      <p className="actions">
        <button type="button" className="button button--primary" onClick={() => location.reload()}>
          {t('routeError.reload')}
        </button>
        <Link to="/">{t('common.backHome')}</Link>
      </p>
    </section>
  );
}
