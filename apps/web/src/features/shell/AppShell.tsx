import { Link, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from './LanguageSwitcher';

/** Id of <main>, the skip link's target. */
export const MAIN_ID = 'main';

/** The frame of every page: skip link, site header with the language switcher, main. */
export function AppShell() {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href={`#${MAIN_ID}`}>
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <Link className="site-header__brand" to="/">
          {t('app.name')}
        </Link>
        <LanguageSwitcher />
      </header>
      {/* tabIndex lets the skip link move keyboard focus, not only the scroll position. */}
      <main id={MAIN_ID} className="site-main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
