import type { BallotByMethod, VoteMethod } from '@roundtable/protocol/client';
import { isBallotOf } from './ballotShape';

/**
 * The ballot this person last had acknowledged, per vote, so "your ballot is recorded" and
 * their choices survive moving between pages and reloading the tab. sessionStorage, not
 * localStorage: it goes with the tab, so a shared venue computer does not keep (even a secret)
 * choice for the next person. The server stays the only record; this is a courtesy copy.
 */
const keyOf = (participantId: string, voteId: string) => `roundtable.ballot.${participantId}.${voteId}`;

/** Copy for browsers where sessionStorage throws. */
const memory = new Map<string, unknown>();

export function loadRecordedBallot<M extends VoteMethod>(
  participantId: string,
  voteId: string,
  method: M,
): BallotByMethod[M] | null {
  const key = keyOf(participantId, voteId);
  let stored: unknown = memory.get(key);
  try {
    const raw = sessionStorage.getItem(key);
    if (raw) stored = JSON.parse(raw);
  } catch {
    // Storage disabled or corrupt JSON: the in-memory copy, if any.
  }
  // What sessionStorage holds may be stale or edited: only a ballot of the vote's method counts.
  return isBallotOf(method, stored) ? stored : null;
}

export function saveRecordedBallot(participantId: string, voteId: string, ballot: unknown): void {
  const key = keyOf(participantId, voteId);
  memory.set(key, ballot);
  try {
    sessionStorage.setItem(key, JSON.stringify(ballot));
  } catch {
    // Kept in memory for this page's life.
  }
}
