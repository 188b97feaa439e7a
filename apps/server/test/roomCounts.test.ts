import { describe, expect, it, vi } from 'vitest';
import type { VoteUpdated } from '@roundtable/protocol';
import { api, emitAck } from './helpers/testServer.js';
import { sessionWithVoters } from './helpers/voteSession.js';

const { t, s, socketFor, joinAs, openVote } = sessionWithVoters();

/** Present: Anne (facilitator, on two devices), Bram (participant), Chloé (observer, not counted). */
async function roomWithThreeDevices() {
  const fac = await socketFor(s.facilitator.token);
  await socketFor(s.facilitator.token);
  const bram = await socketFor(s.participant.token);
  await socketFor(s.observer.token);
  await vi.waitFor(async () => {
    const res = await api<{ participants: unknown[] }>(
      t.url,
      'GET',
      `/api/sessions/${s.sessionId}/presence`,
      undefined,
      s.facilitator.token,
    );
    expect(res.body.participants).toHaveLength(3);
  });
  return { fac, bram };
}

describe('vote:roomCounts', () => {
  it('adds hands counted in the room to the tally, labelled apart, and caps them at the people present', async () => {
    const { fac, bram } = await roomWithThreeDevices();
    const vote = await openVote({ method: 'approval', question: 'À main levée ?', quorum: 2 }, fac);
    expect(await emitAck(bram, 'vote:cast', { voteId: vote.id, ballot: { choice: 'against' } })).toEqual({ ok: true });
    // Present: two people (Anne's two devices are one person; the observer does not count).
    // Bram voted electronically: one hand more is the most the room can add.
    const tooMany = await emitAck(fac, 'vote:roomCounts', { voteId: vote.id, counts: { for: 2 } });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const ok = await emitAck<VoteUpdated>(fac, 'vote:roomCounts', { voteId: vote.id, counts: { for: 1 } });
    if (!ok.ok) throw new Error(ok.error.message);
    expect(ok.tally).toMatchObject({
      for: 1,
      against: 1,
      ballots: 2,
      room: { ballots: 1, counts: { for: 1 } },
      quorum: { required: 2, met: true },
    });
    // Everyone reads the same over REST.
    const read = await api<VoteUpdated>(
      t.url,
      'GET',
      `/api/sessions/${s.sessionId}/votes/${vote.id}`,
      undefined,
      s.participant.token,
    );
    expect(read.body.tally).toMatchObject({ room: { ballots: 1 }, for: 1 });
    expect(read.body.turnout).toBe(1);
    // The report prints the room counts apart, in the session's language.
    const md = await fetch(`${t.url}/api/sessions/${s.sessionId}/report?format=md`, {
      headers: { authorization: `Bearer ${s.facilitator.token}` },
    });
    expect(await md.text()).toMatch(/1 (voix comptée dans la salle|vote counted in the room|stem geteld in de zaal)/);
  });

  it('refuses negative, huge, fractional and non-numeric counts, unknown choices and both shapes at once', async () => {
    const fac = await socketFor(s.facilitator.token);
    const vote = await openVote({ method: 'approval', question: 'Compter ?' }, fac);
    for (const counts of [{ for: -1 }, { for: 1e9 }, { for: 1.5 }, { for: '3' }, { for: null }, { yes: 1 }]) {
      const res = await emitAck(fac, 'vote:roomCounts', { voteId: vote.id, counts });
      expect(res, JSON.stringify(counts)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
    const both = await emitAck(fac, 'vote:roomCounts', {
      voteId: vote.id,
      counts: { for: 1 },
      byGroup: { administration: { for: 1 } },
    });
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    // Per group on a vote not split by group.
    const perGroup = await emitAck(fac, 'vote:roomCounts', {
      voteId: vote.id,
      byGroup: { administration: { for: 1 } },
    });
    expect(perGroup).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const ranking = await openVote({ method: 'ranking', options: ['a', 'b'] }, fac);
    expect(await emitAck(fac, 'vote:roomCounts', { voteId: ranking.id, counts: { for: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
  });

  it('is for facilitators only, and for votes of their own session', async () => {
    const bram = await socketFor(s.participant.token);
    const chloe = await socketFor(s.observer.token);
    const fac = await socketFor(s.facilitator.token);
    const vote = await openVote({ method: 'approval', question: 'Qui compte ?' }, fac);
    for (const socket of [bram, chloe]) {
      expect(await emitAck(socket, 'vote:roomCounts', { voteId: vote.id, counts: { for: 1 } })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(await emitAck(fac, 'vote:roomCounts', { voteId: 'no-such-vote', counts: { for: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('takes counts into a closed vote, per group when split, and a later count replaces the earlier', async () => {
    const fac = await socketFor(s.facilitator.token);
    const dora = await joinAs('Dora', 'administration');
    await socketFor(dora.token);
    await socketFor(s.participant.token);
    const vote = await openVote({ method: 'approval', question: 'Par groupe ?', splitByGroup: true }, fac);
    const closed = await emitAck(fac, 'vote:close', { voteId: vote.id });
    expect(closed.ok).toBe(true);
    const first = await emitAck<VoteUpdated>(fac, 'vote:roomCounts', {
      voteId: vote.id,
      byGroup: { administration: { for: 1 }, civil_society: { against: 1 } },
    });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.tally?.byGroup?.administration).toMatchObject({ for: 1 });
    const second = await emitAck<VoteUpdated>(fac, 'vote:roomCounts', {
      voteId: vote.id,
      byGroup: { administration: { abstain: 2 } },
    });
    if (!second.ok) throw new Error(second.error.message);
    expect(second.tally).toMatchObject({ for: 0, against: 0, abstain: 2, room: { ballots: 2 } });
  });
});
