import 'i18next';
import type en from './en.json';

// Typed keys: `t('a.missing.key')` fails the typecheck instead of showing a raw key to users.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
