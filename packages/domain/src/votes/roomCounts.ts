import {
  ROOM_COUNT_CHOICES,
  type Ballot,
  type RoomCounts,
  type RoomTally,
  type Role,
  type VoteMethod,
  type VoteRoomCountsPayload,
  type VoterGroup,
} from '@roundtable/protocol/client';
import type { GroupedBallot } from './tallyVote.js';

/** Distinct people who may vote among those online: one person on two devices is one; observers are not counted. */
export function peoplePresent(online: Iterable<{ id: string; role: Role }>): number {
  const ids = new Set<string>();
  for (const p of online) if (p.role !== 'observer') ids.add(p.id);
  return ids.size;
}

export type RoomCountsCheck =
  | { ok: true; counts: RoomCounts; total: number }
  | { ok: false; code: 'invalid_request' | 'conflict'; message: string };

/**
 * Checks hands counted in the room against the vote and the people present, and returns them
 * as stored (per group; a whole-room count under `unspecified`, zeros dropped). Refuses:
 * a method a show of hands cannot give, a choice the method has not, `byGroup` on a vote not
 * split by group, and room plus electronic ballots above the people present (they are
 * people too: a count above that is a miscount).
 */
export function checkRoomCounts(
  vote: { method: VoteMethod; splitByGroup: boolean },
  payload: Pick<VoteRoomCountsPayload, 'counts' | 'byGroup'>,
  context: { electronicBallots: number; peoplePresent: number },
): RoomCountsCheck {
  const choices = (ROOM_COUNT_CHOICES as Partial<Record<VoteMethod, readonly string[]>>)[vote.method];
  if (!choices) {
    return { ok: false, code: 'invalid_request', message: `a ${vote.method} vote cannot be counted by show of hands` };
  }
  if (payload.byGroup && !vote.splitByGroup) {
    return { ok: false, code: 'invalid_request', message: 'this vote is not split by group: give counts' };
  }
  const given: [VoterGroup, Record<string, number>][] = payload.byGroup
    ? (Object.entries(payload.byGroup) as [VoterGroup, Record<string, number>][])
    : [['unspecified', payload.counts ?? {}]];
  const counts: RoomCounts = {};
  let total = 0;
  for (const [group, byChoice] of given) {
    const kept: Record<string, number> = {};
    for (const [choice, n] of Object.entries(byChoice)) {
      if (!choices.includes(choice)) {
        return { ok: false, code: 'invalid_request', message: `unknown choice ${JSON.stringify(choice).slice(0, 50)}` };
      }
      if (n > 0) kept[choice] = n;
      total += n;
    }
    if (Object.keys(kept).length > 0) counts[group] = kept;
  }
  if (total + context.electronicBallots > context.peoplePresent) {
    return {
      ok: false,
      code: 'conflict',
      message: `${total} counted in the room and ${context.electronicBallots} electronic ballots are more than the ${context.peoplePresent} people present`,
    };
  }
  return { ok: true, counts, total };
}

/** The room counts as ballots (one per hand, in its group), so every tally rule applies to them alike. */
export function roomBallots(counts: RoomCounts | undefined): GroupedBallot[] {
  const out: GroupedBallot[] = [];
  for (const [group, byChoice] of Object.entries(counts ?? {}) as [VoterGroup, Record<string, number>][]) {
    for (const [choice, n] of Object.entries(byChoice)) {
      const ballot = { choice } as Ballot;
      for (let i = 0; i < n; i++) out.push({ ballot, group });
    }
  }
  return out;
}

/** Totals per choice over every group, or undefined when no hand was counted. */
export function roomTally(counts: RoomCounts | undefined): RoomTally | undefined {
  const totals: Record<string, number> = {};
  let ballots = 0;
  for (const byChoice of Object.values(counts ?? {})) {
    for (const [choice, n] of Object.entries(byChoice ?? {})) {
      totals[choice] = (totals[choice] ?? 0) + n;
      ballots += n;
    }
  }
  return ballots > 0 ? { ballots, counts: totals } : undefined;
}
