import type { DotsBallot, DotsTally, VoteOption } from '@roundtable/protocol/client';

/**
 * Sums the dots each option received, in the vote's option order. Dots on ids outside
 * `options` are ignored (parsed ballots never hold them).
 */
export function tallyDots(options: readonly Pick<VoteOption, 'id'>[], ballots: readonly DotsBallot[]): DotsTally {
  const totals = new Map(options.map((o) => [o.id, 0]));
  for (const b of ballots) {
    for (const [optionId, dots] of Object.entries(b.dots)) {
      const total = totals.get(optionId);
      if (total !== undefined) totals.set(optionId, total + dots);
    }
  }
  return {
    method: 'dots',
    ballots: ballots.length,
    options: [...totals].map(([optionId, dots]) => ({ optionId, dots })),
  };
}
