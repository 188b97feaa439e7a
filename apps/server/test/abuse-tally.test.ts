import { describe, expect, it, vi } from 'vitest';
import { ANONYMOUS_MIN_GROUP_SIZE } from '@roundtable/domain';
import type { ApprovalTally, MethodTally, SessionSnapshot, Tally, VoteDto, VoteUpdated } from '@roundtable/protocol';
import { api, emitAck } from './helpers/testServer.js';
import { type Sock, sessionWithVoters } from './helpers/voteSession.js';

/*
 * Attack (#11): an anonymous vote split by organisation type hid groups under 3 ballots but
 * showed the totals, so total − shown groups was the hidden group's ballots: with groups of
 * 4, 3 and 1, everyone could read how the lone local authority voted. And a facilitator
 * watching an open on_close anonymous vote saw the tally move as each person voted.
 */

const { t, s, socketFor, joinAs, openVote } = sessionWithVoters();

/** Every vote:updated a socket receives for one vote, in order. */
function record(socket: Sock, voteId: string): VoteUpdated[] {
  const seen: VoteUpdated[] = [];
  socket.on('vote:updated', (u) => {
    if (u.vote.id === voteId) seen.push(u);
  });
  return seen;
}

const getVote = (voteId: string, token: string) =>
  api<VoteUpdated>(t.url, 'GET', `/api/sessions/${s.sessionId}/votes/${voteId}`, undefined, token);

async function reportJson(): Promise<{ otherVotes: { vote: VoteDto; turnout: number; tally?: Tally }[] }> {
  const res = await fetch(`${t.url}/api/sessions/${s.sessionId}/report?format=json`, {
    headers: { authorization: `Bearer ${s.facilitator.token}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { otherVotes: { vote: VoteDto; turnout: number; tally?: Tally }[] };
}

const CHOICES = ['for', 'against', 'abstain'] as const;
const approval = (m: MethodTally | undefined): ApprovalTally => {
  if (m?.method !== 'approval') throw new Error('expected an approval tally');
  return m;
};

/**
 * The reader's arithmetic, done explicitly: for each choice (and the ballot count), the total
 * minus every shown group row. Whatever that leaves is what the reader learns about the
 * groups they were not shown.
 */
function whatSubtractionLeaves(tally: Tally): Record<(typeof CHOICES)[number] | 'ballots', number> {
  const rows = Object.values(tally.byGroup ?? {}).map(approval);
  const total = approval(tally);
  const rest = (k: (typeof CHOICES)[number] | 'ballots') => total[k] - rows.reduce((n, r) => n + r[k], 0);
  return { for: rest('for'), against: rest('against'), abstain: rest('abstain'), ballots: rest('ballots') };
}

describe('anonymous tallies under subtraction', () => {
  it('never lets any reader derive the lone voter of a 4 / 3 / 1 split, by REST, socket, ack or report', async () => {
    const voters = [
      ...(['for', 'for', 'against', 'abstain'] as const).map((c, i) => ({
        c,
        type: 'civil_society' as const,
        n: `CS${i}`,
      })),
      ...(['against', 'against', 'abstain'] as const).map((c, i) => ({
        c,
        type: 'administration' as const,
        n: `AD${i}`,
      })),
      // The lone local authority: before the fix, total − the two shown rows was this ballot.
      { c: 'for' as const, type: 'local_authority' as const, n: 'LA' },
    ];
    const joined = await Promise.all(voters.map((v) => joinAs(v.n, v.type)));
    const vote = await openVote({
      method: 'approval',
      question: 'Budget participatif ?',
      anonymous: true,
      splitByGroup: true,
      results: 'live',
    });
    const facilitatorSeen = record(await socketFor(s.facilitator.token), vote.id);
    const participantSeen = record(await socketFor(s.participant.token), vote.id);
    const observerSeen = record(await socketFor(s.observer.token), vote.id);

    // Cast one by one, the lone voter last, waiting for each turnout: the order most
    // favourable to an attacker comparing one update with the next.
    const voterSockets = await Promise.all(joined.map((j) => socketFor(j.token)));
    for (const [i, v] of voters.entries()) {
      expect(await emitAck(voterSockets[i]!, 'vote:cast', { voteId: vote.id, ballot: { choice: v.c } })).toEqual({
        ok: true,
      });
      await vi.waitFor(() => expect(observerSeen.at(-1)?.turnout).toBe(i + 1));
    }
    // While the vote is open no split is published, so no two updates can be differenced.
    for (const u of [...facilitatorSeen, ...participantSeen, ...observerSeen]) {
      expect(u.tally?.byGroup).toEqual({});
      expect(u.tally).not.toHaveProperty('otherGroups');
    }

    const closed = await emitAck<{ tally: Tally }>(await socketFor(s.facilitator.token), 'vote:close', {
      voteId: vote.id,
    });
    if (!closed.ok) throw new Error(closed.error.message);
    for (const seen of [facilitatorSeen, participantSeen, observerSeen]) {
      await vi.waitFor(() => expect(seen.at(-1)?.vote.status).toBe('closed'));
    }
    const snapshot = await api<SessionSnapshot>(
      t.url,
      'GET',
      `/api/sessions/${s.sessionId}`,
      undefined,
      s.observer.token,
    );
    const readers: [string, Tally | undefined][] = [
      ['vote:close ack', closed.tally],
      ['vote:updated to facilitators', facilitatorSeen.at(-1)!.tally],
      ['vote:updated to participants', participantSeen.at(-1)!.tally],
      ['vote:updated to observers', observerSeen.at(-1)!.tally],
      ['GET vote as facilitator', (await getVote(vote.id, s.facilitator.token)).body.tally],
      ['GET vote as participant', (await getVote(vote.id, s.participant.token)).body.tally],
      ['GET vote as observer', (await getVote(vote.id, s.observer.token)).body.tally],
      ['GET session as observer', snapshot.body.votes.find((v) => v.vote.id === vote.id)?.tally],
      ['report JSON', (await reportJson()).otherVotes.find((v) => v.vote.id === vote.id)?.tally],
    ];
    for (const [reader, tally] of readers) {
      expect(tally, reader).toBeDefined();
      // Nothing acknowledged is lost: all 8 ballots are in every total.
      expect(approval(tally), reader).toMatchObject({ for: 3, against: 3, abstain: 2, ballots: 8 });
      const rows = tally!.byGroup ?? {};
      expect(rows, reader).not.toHaveProperty('local_authority');
      for (const row of Object.values(rows))
        expect(row.ballots, reader).toBeGreaterThanOrEqual(ANONYMOUS_MIN_GROUP_SIZE);
      const left = whatSubtractionLeaves(tally!);
      // The lone 'for' is not what subtraction leaves: it is mixed with at least 3 ballots.
      expect(left, reader).not.toEqual({ for: 1, against: 0, abstain: 0, ballots: 1 });
      expect(left.ballots, reader).toBeGreaterThanOrEqual(ANONYMOUS_MIN_GROUP_SIZE + 1);
      // Here: civil society (4) shown; administration (3) pooled with the lone voter.
      expect(Object.keys(rows), reader).toEqual(['civil_society']);
      expect(left, reader).toEqual({ for: 1, against: 2, abstain: 1, ballots: 4 });
      // The pooled row says no more than the subtraction already did.
      const other = approval(tally!.otherGroups);
      expect(
        { for: other.for, against: other.against, abstain: other.abstain, ballots: other.ballots },
        reader,
      ).toEqual(left);
    }
    // The Markdown record prints the pooled row, under its own name.
    const md = await fetch(`${t.url}/api/sessions/${s.sessionId}/report?format=md`, {
      headers: { authorization: `Bearer ${s.facilitator.token}` },
    });
    expect(await md.text()).toContain("| Autres types d'organisation, ensemble | Pour 1 · Contre 2 · Abstention 1");
  });

  it('shows a facilitator only the turnout of an open anonymous on_close vote, ballot after ballot', async () => {
    const voters = await Promise.all(['V1', 'V2', 'V3'].map((n) => joinAs(n, 'civil_society')));
    const vote = await openVote({
      method: 'approval',
      question: 'Vote secret ?',
      anonymous: true,
      results: 'on_close',
    });
    const facilitator = await socketFor(s.facilitator.token);
    const seen = record(facilitator, vote.id);
    const voterSockets = await Promise.all(voters.map((v) => socketFor(v.token)));

    for (const [i, sock] of voterSockets.entries()) {
      expect(await emitAck(sock, 'vote:cast', { voteId: vote.id, ballot: { choice: 'for' } })).toEqual({ ok: true });
      await vi.waitFor(() => expect(seen.at(-1)?.turnout).toBe(i + 1));
      expect(seen.every((u) => u.tally === undefined)).toBe(true);
      const rest = await getVote(vote.id, s.facilitator.token);
      expect(rest.body).toMatchObject({ turnout: i + 1 });
      expect(rest.body).not.toHaveProperty('tally');
    }
    // The report of the meeting in progress says the same: turnout, no tally.
    const inReport = (await reportJson()).otherVotes.find((v) => v.vote.id === vote.id);
    expect(inReport).toMatchObject({ turnout: 3 });
    expect(inReport).not.toHaveProperty('tally');
    const md = await fetch(`${t.url}/api/sessions/${s.sessionId}/report?format=md`, {
      headers: { authorization: `Bearer ${s.facilitator.token}` },
    });
    expect(md.status).toBe(200);
    expect(await md.text()).toContain("Résultats masqués jusqu'à la clôture du vote.");

    // The close gives the result at once, to the closer and to every facilitator.
    const closed = await emitAck<{ tally: Tally }>(facilitator, 'vote:close', { voteId: vote.id });
    expect(closed).toMatchObject({ ok: true, tally: { for: 3, ballots: 3 } });
    await vi.waitFor(() =>
      expect(seen.at(-1)).toMatchObject({ vote: { status: 'closed' }, tally: { for: 3, ballots: 3 } }),
    );
    expect((await getVote(vote.id, s.facilitator.token)).body.tally).toMatchObject({ for: 3 });
  });
});
