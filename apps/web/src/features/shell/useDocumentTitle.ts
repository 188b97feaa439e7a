import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the tab title, so screen-reader users hear where a navigation landed. */
export function useDocumentTitle(page: string | undefined): void {
  const { t } = useTranslation();
  const title = page ? t('app.pageTitle', { page }) : t('app.name');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
