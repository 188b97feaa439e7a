import type { RankingBallot, RankingTally, VoteOption } from '@roundtable/protocol/client';

/**
 * Tallies a ranking vote: a Borda score per option (in the vote's option order) and the
 * Condorcet winner, if there is one.
 *
 * Borda: with `n` options, the option a ballot lists at position `i` (0-based) gets
 * `n - 1 - i` points. Options a ballot leaves out get 0 points from it, rather than a share
 * of the positions left: a voter who lists only their favourites gives nothing to the
 * options they did not choose, which is also the rule participants can check by hand.
 *
 * Condorcet: see {@link condorcetWinner}.
 */
export function tallyRanking(
  options: readonly Pick<VoteOption, 'id'>[],
  ballots: readonly RankingBallot[],
): RankingTally {
  const n = options.length;
  const borda = new Map(options.map((o) => [o.id, 0]));
  for (const b of ballots) {
    b.order.forEach((optionId, i) => {
      const points = borda.get(optionId);
      // Ids outside the vote are ignored; parsed ballots never hold them.
      if (points !== undefined) borda.set(optionId, points + n - 1 - i);
    });
  }
  return {
    method: 'ranking',
    ballots: ballots.length,
    options: [...borda].map(([optionId, points]) => ({ optionId, borda: points })),
    condorcetWinner: condorcetWinner(options, ballots),
  };
}

/**
 * The option that beats every other option head to head, or null. Option `a` beats `b`
 * when more ballots rank `a` above `b` than `b` above `a`, i.e. a strict majority of the
 * ballots that express a preference between the two. A listed option ranks above every
 * unlisted one; two unlisted options express no preference. Ties and cycles leave no
 * winner, and so do zero ballots.
 */
export function condorcetWinner(
  options: readonly Pick<VoteOption, 'id'>[],
  ballots: readonly RankingBallot[],
): string | null {
  if (ballots.length === 0) return null;
  // Position of each option on each ballot; unlisted options share position Infinity, so
  // they lose to any listed option and tie (no preference) among themselves.
  const positions = ballots.map((b) => new Map(b.order.map((id, i) => [id, i])));
  const rank = (pos: Map<string, number>, id: string) => pos.get(id) ?? Infinity;

  const beats = (a: string, b: string): boolean => {
    let aOverB = 0;
    let bOverA = 0;
    for (const pos of positions) {
      const ra = rank(pos, a);
      const rb = rank(pos, b);
      if (ra < rb) aOverB += 1;
      else if (rb < ra) bOverA += 1;
    }
    return aOverB > bOverA;
  };

  // At most one option can beat all others, so the first found is the winner. O(n² · ballots)
  // is fine: a vote has at most MAX_VOTE_OPTIONS options.
  const ids = options.map((o) => o.id);
  return ids.find((a) => ids.every((b) => b === a || beats(a, b))) ?? null;
}
