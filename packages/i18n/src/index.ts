import en from './en.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };
import nl from './nl.json' with { type: 'json' };

/**
 * The shape every catalogue must have: `en` is the reference, fr and nl must match it key for
 * key (plural forms aside: French also has `_many`). `catalogues.test.ts` checks it at run time.
 */
export type Catalogue = typeof en;

/** The one i18next namespace: the web's interface and the server's report share it. */
export const NAMESPACE = 'translation';

/** Every catalogue, ready for i18next's `resources` option. */
export const resources = {
  fr: { [NAMESPACE]: fr satisfies Catalogue },
  nl: { [NAMESPACE]: nl satisfies Catalogue },
  en: { [NAMESPACE]: en },
} as const;
