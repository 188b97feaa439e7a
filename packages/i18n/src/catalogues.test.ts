import { describe, expect, it } from 'vitest';
import {
  CATALOGUE_LANGUAGES,
  LANGUAGE_NAMES,
  MOTION_QUESTION_TEMPLATES,
  loadCatalogue,
  motionQuestionIn,
} from './client.js';
import { resources } from './index.js';

type Tree = { [key: string]: string | Tree };

/** Every leaf as `a.b.c` → value. */
function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object') for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

/** i18next's plural suffixes: languages differ in which they need (French has `_many`). */
const PLURAL = /_(zero|one|two|few|many|other)$/;

const languages = Object.keys(resources) as (keyof typeof resources)[];
const catalogue = (lng: keyof typeof resources) => leaves(resources[lng].translation as Tree);

describe('catalogues', () => {
  it('have the same keys in every language, plural forms aside', () => {
    const base = (lng: keyof typeof resources) =>
      [...new Set([...catalogue(lng).keys()].map((k) => k.replace(PLURAL, '')))].sort();
    for (const lng of languages) expect(base(lng), lng).toEqual(base('en'));
  });

  it('give every plural the forms its language needs', () => {
    for (const lng of languages) {
      const keys = new Set(catalogue(lng).keys());
      const plurals = new Set([...keys].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
      const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
      for (const p of plurals)
        for (const c of categories) expect(keys.has(`${p}_${c}`), `${lng}: ${p}_${c}`).toBe(true);
    }
  });

  it('have no empty or non-text value', () => {
    for (const lng of languages) {
      for (const [key, value] of catalogue(lng)) {
        expect(typeof value, `${lng}: ${key}`).toBe('string');
        expect((value as string).trim(), `${lng}: ${key}`).not.toBe('');
      }
    }
  });

  it('give the client entry the same words: each language named in itself, the server-worded question', async () => {
    expect([...CATALOGUE_LANGUAGES].sort()).toEqual([...languages].sort());
    for (const lng of CATALOGUE_LANGUAGES) {
      expect(LANGUAGE_NAMES[lng], lng).toBe(resources[lng].translation.languages[lng]);
      expect(MOTION_QUESTION_TEMPLATES[lng], lng).toBe(resources[lng].translation.votes.motionQuestion);
      expect(await loadCatalogue[lng](), lng).toEqual(resources[lng].translation);
    }
    expect(motionQuestionIn('fr', 'Le $& titre')).toBe('Adoptez-vous la recommandation « Le $& titre » ?');
  });
});
