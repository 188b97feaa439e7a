import type { VoteUpdated } from '@roundtable/protocol';
import type { ApprovalCounts } from './tasks.js';

const REQUEST_TIMEOUT_MS = 30_000;

/** The stored tally of an approval vote, read as the facilitator (who always sees it). */
export async function readApprovalTally(
  httpUrl: string,
  sessionId: string,
  voteId: string,
  facilitatorToken: string,
): Promise<{ stored: ApprovalCounts; turnout: number }> {
  const res = await fetch(`${httpUrl}/api/sessions/${sessionId}/votes/${voteId}`, {
    headers: { authorization: `Bearer ${facilitatorToken}` },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET vote ${voteId} -> ${res.status}: ${text.slice(0, 200)}`);
  const view = JSON.parse(text) as VoteUpdated;
  const t = view.tally;
  if (t?.method !== 'approval') throw new Error(`GET vote ${voteId}: no approval tally in ${text.slice(0, 200)}`);
  return { stored: { for: t.for, against: t.against, abstain: t.abstain, ballots: t.ballots }, turnout: view.turnout };
}

export const sameCounts = (a: ApprovalCounts, b: ApprovalCounts) =>
  a.for === b.for && a.against === b.against && a.abstain === b.abstain && a.ballots === b.ballots;
