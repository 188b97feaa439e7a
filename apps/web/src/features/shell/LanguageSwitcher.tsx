import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES } from '@roundtable/i18n/client';
import { LANGUAGES } from '@roundtable/protocol/client';
import { toLanguage } from '../../lib/i18n/i18n';

/**
 * FR / NL / EN buttons. Each button speaks its own language (lang attribute, and a title with
 * the language's own name) so that a Dutch speaker stuck in a French page still finds "Nederlands".
 */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const current = toLanguage(i18n.resolvedLanguage);
  return (
    <nav className="lang-switch" aria-label={t('language.switcher')}>
      <ul>
        {LANGUAGES.map((lng) => (
          <li key={lng}>
            <button
              type="button"
              lang={lng}
              title={LANGUAGE_NAMES[lng]}
              aria-pressed={current === lng}
              data-testid={`lang-switch-${lng}`}
              onClick={() => void i18n.changeLanguage(lng)}
            >
              {lng.toUpperCase()}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
