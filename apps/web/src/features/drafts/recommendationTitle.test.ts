import { describe, expect, it } from 'vitest';
import { titleIn } from './recommendationTitle';

describe('titleIn', () => {
  const rec = { title: 'Accès au logement', titles: { fr: 'Accès au logement', nl: 'Toegang tot huisvesting' } };
  it('gives the title of the reader’s language when the recommendation has one', () => {
    expect(titleIn(rec, 'nl')).toBe('Toegang tot huisvesting');
    expect(titleIn(rec, 'nl-BE')).toBe('Toegang tot huisvesting');
  });
  it('falls back to the first language’s title', () => {
    expect(titleIn(rec, 'en')).toBe('Accès au logement');
    expect(titleIn({ title: 'Only', titles: {} }, 'nl')).toBe('Only');
  });
});
