import { createHmac } from 'node:crypto';
import type { BallotChange, Storage, VoteRecord } from '../storage/Storage.js';

/** Anonymous: a keyed hash stops double voting without naming anyone; named: the id. */
export function voterKey(secret: string, vote: VoteRecord, participantId: string): string {
  return vote.anonymous
    ? createHmac('sha256', secret).update(`ballot:${vote.id}:${participantId}`).digest('hex')
    : participantId;
}

/**
 * The ballots to take back when a person leaves the count (api-v1.1): `from`'s ballot in
 * every open vote of the session is withdrawn. Merged into `into` (one person, two rows),
 * the later of their two ballots is kept under `into`'s key: named votes compare cast
 * times; anonymous ballots keep no time by design, so the row seen last (`fromIsLater`)
 * wins. Closed votes are left alone: they keep their tallies.
 */
export async function ballotChanges(
  storage: Pick<Storage, 'votes'>,
  secret: string,
  sessionId: string,
  from: string,
  merge?: { into: string; fromIsLater: boolean },
): Promise<BallotChange[]> {
  const changes: BallotChange[] = [];
  for (const vote of await storage.votes.listVotes(sessionId)) {
    if (vote.status !== 'open') continue;
    const ballots = await storage.votes.listBallots(vote.id);
    const fromKey = voterKey(secret, vote, from);
    const fromBallot = ballots.find((b) => b.voterKey === fromKey);
    if (!fromBallot) continue;
    if (!merge) {
      changes.push({ voteId: vote.id, withdraw: fromKey });
      continue;
    }
    const intoKey = voterKey(secret, vote, merge.into);
    const intoBallot = ballots.find((b) => b.voterKey === intoKey);
    const fromWins =
      !intoBallot || (vote.anonymous ? merge.fromIsLater : (fromBallot.castAt ?? '') > (intoBallot.castAt ?? ''));
    changes.push({
      voteId: vote.id,
      withdraw: fromKey,
      ...(fromWins
        ? {
            replaceWith: {
              ...fromBallot,
              voterKey: intoKey,
              participantId: vote.anonymous ? null : merge.into,
            },
          }
        : {}),
    });
  }
  return changes;
}
