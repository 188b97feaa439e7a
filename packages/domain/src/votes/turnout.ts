/**
 * Ballots cast so far. The store keeps one ballot per voter (casting again replaces it),
 * so this is the number of people who voted; it is always public, unlike the tally.
 */
export function turnout(ballots: readonly unknown[]): number {
  return ballots.length;
}
