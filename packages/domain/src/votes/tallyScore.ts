import { MAX_SCORE, type ScoreBallot, type ScoreTally, type VoteOption } from '@roundtable/protocol/client';

/**
 * Tallies a score vote per option, in the vote's option order. `count` is how many ballots
 * scored the option (a 0 is a score; an option left out is not), `mean` is over those
 * ballots only, rounded to 2 decimals (null when nobody scored it), and `distribution[s]`
 * is how many ballots gave score `s` (length MAX_SCORE + 1).
 *
 * Scores for ids outside `options` are ignored: parsed ballots never hold them, and a
 * stray one must not grow a row the vote does not have.
 */
export function tallyScore(options: readonly Pick<VoteOption, 'id'>[], ballots: readonly ScoreBallot[]): ScoreTally {
  const rows = new Map(
    options.map((o) => [o.id, { sum: 0, count: 0, distribution: new Array<number>(MAX_SCORE + 1).fill(0) }]),
  );
  for (const b of ballots) {
    for (const [optionId, score] of Object.entries(b.scores)) {
      const row = rows.get(optionId);
      if (!row) continue;
      row.sum += score;
      row.count += 1;
      row.distribution[score] = (row.distribution[score] ?? 0) + 1;
    }
  }
  return {
    method: 'score',
    ballots: ballots.length,
    options: [...rows].map(([optionId, row]) => ({
      optionId,
      // Scale before dividing: (41 / 40) * 100 is 102.49999… in floats, 4100 / 40 is 102.5.
      mean: row.count === 0 ? null : Math.round((row.sum * 100) / row.count) / 100,
      count: row.count,
      distribution: row.distribution,
    })),
  };
}
