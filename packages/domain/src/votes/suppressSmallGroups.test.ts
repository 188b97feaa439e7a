import { describe, expect, it } from 'vitest';
import { ORGANISATION_TYPES, type VoterGroup } from '@roundtable/protocol';
import { suppressSmallGroups } from './suppressSmallGroups.js';

const GROUPS: readonly VoterGroup[] = [...ORGANISATION_TYPES, 'unspecified'];
const MIN = 3;
const sizes = (counts: Partial<Record<VoterGroup, number>>): [VoterGroup, number][] =>
  GROUPS.map((g) => [g, counts[g] ?? 0]);

describe('suppressSmallGroups', () => {
  it('shows every group with enough ballots when nothing is too small', () => {
    expect(suppressSmallGroups(sizes({ administration: 4, civil_society: 3 }), MIN)).toEqual({
      shown: ['administration', 'civil_society'],
      pooled: [],
      pooledRow: false,
    });
  });

  it('pools a lone voter with the smallest shown group, so total − shown rows is 4 ballots, not 1', () => {
    expect(suppressSmallGroups(sizes({ civil_society: 4, administration: 3, local_authority: 1 }), MIN)).toEqual({
      shown: ['civil_society'],
      pooled: ['administration', 'local_authority'],
      pooledRow: true,
    });
  });

  it('leaves small groups pooled on their own when together they reach the minimum', () => {
    expect(suppressSmallGroups(sizes({ civil_society: 5, local_authority: 2, equality_body: 1 }), MIN)).toEqual({
      shown: ['civil_society'],
      pooled: ['local_authority', 'equality_body'],
      pooledRow: true,
    });
  });

  it('breaks ties between equally small shown groups by display order', () => {
    expect(suppressSmallGroups(sizes({ other: 3, administration: 3, equality_body: 2 }), MIN)).toEqual({
      shown: ['other'],
      pooled: ['administration', 'equality_body'],
      pooledRow: true,
    });
  });

  it('withholds the split when the ballots cannot cover each other', () => {
    expect(suppressSmallGroups(sizes({ civil_society: 2 }), MIN)).toEqual({
      shown: [],
      pooled: ['civil_society'],
      pooledRow: false,
    });
    expect(suppressSmallGroups(sizes({ civil_society: 1, other: 1 }), MIN)).toEqual({
      shown: [],
      pooled: ['civil_society', 'other'],
      pooledRow: false,
    });
  });

  it('pools everything in one row when only small groups voted, but enough of them', () => {
    expect(suppressSmallGroups(sizes({ administration: 1, other: 1, unspecified: 1 }), MIN)).toEqual({
      shown: [],
      pooled: ['administration', 'other', 'unspecified'],
      pooledRow: true,
    });
  });

  it('ignores groups with no ballots, and shows every group that voted when the minimum is 1', () => {
    expect(suppressSmallGroups(sizes({}), MIN)).toEqual({ shown: [], pooled: [], pooledRow: false });
    expect(suppressSmallGroups(sizes({ other: 1, civil_society: 2 }), 1)).toEqual({
      shown: ['civil_society', 'other'],
      pooled: [],
      pooledRow: false,
    });
  });

  it('over every split of up to 4 ballots per group, leaves no subtraction isolating fewer than 3', () => {
    const combos: number[][] = [[]];
    for (const _ of GROUPS) {
      const next: number[][] = [];
      for (const c of combos) for (let n = 0; n <= 4; n++) next.push([...c, n]);
      combos.splice(0, combos.length, ...next);
    }
    expect(combos).toHaveLength(5 ** GROUPS.length);
    for (const counts of combos) {
      const input = GROUPS.map((g, i): [VoterGroup, number] => [g, counts[i]!]);
      const size = new Map(input);
      const { shown, pooled, pooledRow } = suppressSmallGroups(input, MIN);
      const total = counts.reduce((a, b) => a + b, 0);
      const complement = total - shown.reduce((n, g) => n + size.get(g)!, 0);
      // Every group that voted is either shown or pooled, never both.
      expect([...shown, ...pooled].sort()).toEqual(
        input
          .filter(([, n]) => n > 0)
          .map(([g]) => g)
          .sort(),
      );
      for (const g of shown) expect(size.get(g)).toBeGreaterThanOrEqual(MIN);
      // What a reader computes as total − shown rows is the pooled set: nothing, enough
      // ballots to hide among, or every ballot of the vote (the totals, public anyway).
      expect(complement === 0 || complement >= MIN || shown.length === 0).toBe(true);
      expect(pooledRow).toBe(pooled.length > 0 && complement >= MIN);
      // A small group never stands alone in the complement beside shown rows.
      for (const [g, n] of input) {
        if (n > 0 && n < MIN) {
          expect(shown).not.toContain(g);
          if (shown.length > 0) expect(complement).toBeGreaterThan(n);
        }
      }
      // Nothing is pooled that need not be: at most one shown group joins the small ones.
      const small = input.filter(([, n]) => n > 0 && n < MIN).length;
      expect(pooled.length - small).toBeLessThanOrEqual(1);
    }
    // Exhaustive (5^groups splits, ~2 s alone): room for a loaded 2-core machine.
  }, 60_000);
});
