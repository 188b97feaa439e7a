import type { VoterGroup } from '@roundtable/protocol/client';

/** Which groups of a per-group split get a row of their own, and which are only pooled. */
export interface GroupSplit {
  /** Groups shown with their own row, in the order given; each has at least `min` ballots. */
  shown: VoterGroup[];
  /** Groups with ballots but no row of their own; their ballots still count in the totals. */
  pooled: VoterGroup[];
  /**
   * Whether the pooled groups may be shown together as one "other groups" row: they total
   * at least `min` ballots. When false, `pooled` is empty or holds every ballot of the vote
   * (the split is withheld entirely).
   */
  pooledRow: boolean;
}

/**
 * Decides which groups of an anonymous split may be shown, from the ballots per group alone.
 *
 * Hiding a small group is not enough: a reader who has the totals subtracts the shown rows
 * and gets the tally of everything hidden (total − Σ shown = pooled). So the pooled set as a
 * whole must hold at least `min` ballots, or nothing. When the small groups together hold
 * fewer, the smallest shown groups join them (ties broken by the order of `sizes`) until
 * they do; when no shown group is left to add, every ballot is pooled and no group is shown
 * at all. Each shown row has `min` ballots or more, and the pooled set is never one group
 * under `min` on its own, so no subtraction isolates fewer than `min` ballots.
 *
 * `sizes` lists every group in display order; groups with no ballots are ignored. With
 * `min <= 1` every group with ballots is shown (named votes).
 */
export function suppressSmallGroups(sizes: readonly [VoterGroup, number][], min: number): GroupSplit {
  const voted = sizes.filter(([, n]) => n > 0);
  const pooled = new Set(voted.filter(([, n]) => n < min).map(([g]) => g));
  let pooledBallots = voted.filter(([g]) => pooled.has(g)).reduce((sum, [, n]) => sum + n, 0);
  // Smallest first, so the cover costs as little of the split as possible; sort is stable,
  // so equal sizes keep the display order and the choice is the same each time.
  const candidates = voted.filter(([g]) => !pooled.has(g)).sort(([, a], [, b]) => a - b);
  for (const [group, n] of candidates) {
    if (pooledBallots === 0 || pooledBallots >= min) break;
    pooled.add(group);
    pooledBallots += n;
  }
  return {
    shown: voted.filter(([g]) => !pooled.has(g)).map(([g]) => g),
    pooled: voted.filter(([g]) => pooled.has(g)).map(([g]) => g),
    pooledRow: pooled.size > 0 && pooledBallots >= min,
  };
}
