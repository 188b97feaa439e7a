import { describe, expect, it } from 'vitest';
import {
  ORGANISATION_TYPES,
  type Ballot,
  type MethodTally,
  type Tally,
  type VoteMethod,
  type VoterGroup,
} from '@roundtable/protocol';
import { ANONYMOUS_MIN_GROUP_SIZE, tallyVote, type GroupedBallot } from './tallyVote.js';

/*
 * The attacker of an anonymous split: someone who knows which group a colleague belongs to,
 * reads everything the server shows (totals, group rows, the pooled row) and does arithmetic.
 * These tests try every subtraction they can make, and check that some other ballots would
 * have produced exactly the same view, so the small group's choices cannot be told.
 */

const GROUPS: readonly VoterGroup[] = [...ORGANISATION_TYPES, 'unspecified'];
const MIN = ANONYMOUS_MIN_GROUP_SIZE;
const OPTIONS = ['a', 'b', 'c'].map((id) => ({ id, label: id, recommendationId: null }));
const anonymousVote = (method: VoteMethod) => ({
  method,
  options: OPTIONS,
  quorum: null,
  splitByGroup: true,
  anonymous: true,
  status: 'closed' as const,
});
const participant = { includeReasons: false };

/** A small, seeded generator (mulberry32), so a failing case replays. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBallot(method: VoteMethod, rnd: () => number): Ballot {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  switch (method) {
    case 'approval':
      return { choice: pick(['for', 'against', 'abstain'] as const) };
    case 'consent': {
      const choice = pick(['agree', 'stand_aside', 'object', 'block'] as const);
      return choice === 'object' || choice === 'block' ? { choice, reason: 'r' } : { choice };
    }
    case 'score':
      return {
        scores: Object.fromEntries(OPTIONS.filter(() => rnd() < 0.8).map((o) => [o.id, pick([0, 1, 2, 3, 4, 5])])),
      };
    case 'ranking': {
      const order = OPTIONS.map((o) => o.id).sort(() => rnd() - 0.5);
      return { order: order.slice(0, 1 + Math.floor(rnd() * order.length)) };
    }
    case 'dots':
      return { dots: Object.fromEntries(OPTIONS.map((o) => [o.id, pick([0, 1, 2, 3])])) };
  }
}

/** The figures of a method tally that add up over groups: what subtraction works on. */
function additive(m: MethodTally): number[] {
  switch (m.method) {
    case 'approval':
      return [m.for, m.against, m.abstain, m.ballots];
    case 'consent':
      return [m.agree, m.stand_aside, m.object, m.block, m.ballots];
    case 'score':
      return [m.ballots, ...m.options.flatMap((o) => [o.count, ...o.distribution])];
    case 'ranking':
      return [m.ballots, ...m.options.map((o) => o.borda)];
    case 'dots':
      return [m.ballots, ...m.options.map((o) => o.dots)];
  }
}

/** total − Σ shown group rows, figure by figure: what a reader learns about the hidden ballots. */
function complement(tally: Tally): number[] {
  const out = additive(tally);
  for (const row of Object.values(tally.byGroup ?? {})) {
    additive(row).forEach((n, i) => {
      out[i] = out[i]! - n;
    });
  }
  return out;
}

describe('tallyVote: an anonymous split never isolates fewer than 3 ballots', () => {
  it('pools the lone voter of 4 / 3 / 1 with the group of 3, so subtraction gives 4 ballots', () => {
    const cast = (group: VoterGroup, choice: 'for' | 'against' | 'abstain'): GroupedBallot => ({
      group,
      ballot: { choice },
    });
    const ballots = [
      ...(['for', 'for', 'against', 'abstain'] as const).map((c) => cast('civil_society', c)),
      ...(['for', 'against', 'against'] as const).map((c) => cast('administration', c)),
      cast('local_authority', 'abstain'),
    ];
    const tally = tallyVote(anonymousVote('approval'), ballots, participant);
    expect(tally).toMatchObject({ for: 3, against: 3, abstain: 2, ballots: 8 });
    expect(Object.keys(tally.byGroup!)).toEqual(['civil_society']);
    expect(tally.otherGroups).toEqual({
      method: 'approval',
      for: 1,
      against: 2,
      abstain: 1,
      ballots: 4,
      carried: false,
    });
    // Before this rule, total − civil_society − administration was the lone abstention.
    expect(complement(tally)).toEqual([1, 2, 1, 4]);
  });

  it('withholds the split while the vote is open, so it cannot be differenced ballot by ballot', () => {
    const ballots: GroupedBallot[] = [1, 2, 3, 4].map(() => ({ group: 'civil_society', ballot: { choice: 'for' } }));
    for (const status of ['open', undefined] as const) {
      const tally = tallyVote({ ...anonymousVote('approval'), status }, ballots, participant);
      expect(tally).toMatchObject({ for: 4, ballots: 4, byGroup: {} });
      expect(tally).not.toHaveProperty('otherGroups');
    }
    expect(Object.keys(tallyVote(anonymousVote('approval'), ballots, participant).byGroup!)).toEqual(['civil_society']);
  });

  it('withholds the split (no rows, no pooled row) when all ballots together are fewer than 3', () => {
    const tally = tallyVote(
      anonymousVote('approval'),
      [
        { group: 'local_authority', ballot: { choice: 'for' } },
        { group: 'equality_body', ballot: { choice: 'against' } },
      ],
      participant,
    );
    expect(tally.byGroup).toEqual({});
    expect(tally).not.toHaveProperty('otherGroups');
  });

  it('keeps consent reasons out of the pooled row, even for facilitators', () => {
    const ballots: GroupedBallot[] = [
      { group: 'other', ballot: { choice: 'block', reason: 'mine' } },
      ...[1, 2, 3].map((): GroupedBallot => ({ group: 'administration', ballot: { choice: 'agree' } })),
    ];
    const tally = tallyVote(anonymousVote('consent'), ballots, { includeReasons: true });
    expect(tally.otherGroups).toMatchObject({ method: 'consent', block: 1, agree: 3, ballots: 4 });
    expect(tally.otherGroups).not.toHaveProperty('reasons');
  });

  it('never splits a named vote: every group that voted has its row and nothing is pooled', () => {
    const tally = tallyVote(
      { ...anonymousVote('approval'), anonymous: false },
      [{ group: 'local_authority', ballot: { choice: 'for' } }],
      participant,
    );
    expect(Object.keys(tally.byGroup!)).toEqual(['local_authority']);
    expect(tally).not.toHaveProperty('otherGroups');
  });

  for (const method of ['approval', 'consent', 'score', 'ranking', 'dots'] as const) {
    it(`${method}: for random small groups, no group under 3 is derivable from rows and totals`, () => {
      const rnd = random(0x5eed + method.length);
      for (let trial = 0; trial < 400; trial++) {
        const ballots: GroupedBallot[] = GROUPS.flatMap((group) =>
          Array.from({ length: Math.floor(rnd() * 5) }, () => ({ group, ballot: randomBallot(method, rnd) })),
        );
        const tally = tallyVote(anonymousVote(method), ballots, participant);
        const size = (g: VoterGroup) => ballots.filter((b) => b.group === g).length;
        const shown = Object.keys(tally.byGroup ?? {}) as VoterGroup[];
        const hidden = GROUPS.filter((g) => size(g) > 0 && !shown.includes(g));
        const rest = complement(tally);
        const restBallots = tally.ballots - shown.reduce((n, g) => n + tally.byGroup![g]!.ballots, 0);

        for (const g of shown) expect(tally.byGroup![g]!.ballots).toBeGreaterThanOrEqual(MIN);
        if (tally.otherGroups) {
          // The pooled row is exactly what subtraction gives, and it is big enough.
          expect(additive(tally.otherGroups)).toEqual(rest);
          expect(tally.otherGroups.ballots).toBeGreaterThanOrEqual(MIN);
        } else if (shown.length > 0) {
          // Shown rows and nothing pooled: the rows add up to the totals exactly.
          expect(rest.every((n) => n === 0)).toBe(true);
        }
        for (const g of hidden) {
          if (size(g) >= MIN) continue;
          // The small group is hidden among more ballots than its own (or, with no rows
          // shown, the only figures are the vote's totals, which every reader has anyway).
          if (shown.length > 0) expect(restBallots).toBeGreaterThan(size(g));
          // Indistinguishable: trade one of its ballots with a different one of another hidden
          // group, and the view does not change, so the view cannot say which was theirs.
          const mine = ballots.findIndex((b) => b.group === g);
          const theirs = ballots.findIndex(
            (b) =>
              b.group !== g &&
              hidden.includes(b.group) &&
              JSON.stringify(b.ballot) !== JSON.stringify(ballots[mine]!.ballot),
          );
          if (theirs === -1) continue; // every hidden ballot alike: unanimity, see docs/security.md
          const traded = ballots.map((b, i) =>
            i === mine
              ? { ...b, ballot: ballots[theirs]!.ballot }
              : i === theirs
                ? { ...b, ballot: ballots[mine]!.ballot }
                : b,
          );
          expect(tallyVote(anonymousVote(method), traded, participant)).toEqual(tally);
        }
      }
    });
  }
});
