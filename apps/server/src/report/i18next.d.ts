import 'i18next';
import type { Catalogue } from '@roundtable/i18n';

// Typed keys: `t('a.missing.key')` fails the typecheck instead of showing a raw key to users.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalogue };
  }
}
