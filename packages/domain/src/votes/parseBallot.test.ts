import { describe, expect, it } from 'vitest';
import type { VoteMethod, VoteOption } from '@roundtable/protocol';
import { parseBallot, type BallotVote } from './parseBallot.js';

const options = (...ids: string[]): VoteOption[] => ids.map((id) => ({ id, label: id, recommendationId: null }));
const vote = <M extends VoteMethod>(method: M, dotsBudget: number | null = null): BallotVote<M> => ({
  method,
  options: method === 'approval' || method === 'consent' ? [] : options('a', 'b', 'c'),
  dotsBudget,
});
const rejected = (message: string) => ({ ok: false, code: 'invalid_ballot', message });

describe('parseBallot: shape', () => {
  it('accepts an approval ballot and rejects an unknown choice', () => {
    expect(parseBallot(vote('approval'), { choice: 'for' })).toEqual({ ok: true, ballot: { choice: 'for' } });
    const bad = parseBallot(vote('approval'), { choice: 'maybe' });
    expect(bad.ok).toBe(false);
    expect(bad).toMatchObject({ code: 'invalid_ballot', message: expect.stringMatching(/^choice: /) });
  });

  it('rejects non-objects, extra keys and another method’s ballot', () => {
    expect(parseBallot(vote('approval'), null)).toMatchObject({ ok: false, code: 'invalid_ballot' });
    expect(parseBallot(vote('approval'), 'for')).toMatchObject({ ok: false, code: 'invalid_ballot' });
    expect(parseBallot(vote('approval'), { choice: 'for', weight: 2 })).toMatchObject({ ok: false });
    expect(parseBallot(vote('dots'), { scores: { a: 1 } })).toMatchObject({ ok: false });
  });

  it('requires a reason for an objection and for a block, not for agreeing', () => {
    const needsReason = rejected('reason: an objection or a block needs a reason');
    expect(parseBallot(vote('consent'), { choice: 'object' })).toEqual(needsReason);
    expect(parseBallot(vote('consent'), { choice: 'block', reason: '   ' })).toEqual(needsReason);
    expect(parseBallot(vote('consent'), { choice: 'block', reason: ' breaks the law ' })).toEqual({
      ok: true,
      ballot: { choice: 'block', reason: 'breaks the law' },
    });
    expect(parseBallot(vote('consent'), { choice: 'stand_aside' })).toEqual({
      ok: true,
      ballot: { choice: 'stand_aside' },
    });
  });
});

describe('parseBallot: score', () => {
  it('accepts scores of known options, 0 included', () => {
    expect(parseBallot(vote('score'), { scores: { a: 0, c: 5 } })).toEqual({
      ok: true,
      ballot: { scores: { a: 0, c: 5 } },
    });
  });

  it('rejects an unknown option, even one named like an Object.prototype key', () => {
    expect(parseBallot(vote('score'), { scores: { a: 3, z: 1 } })).toEqual(rejected('unknown option'));
    expect(parseBallot(vote('score'), { scores: { constructor: 1 } })).toEqual(rejected('unknown option'));
  });

  it('rejects a ballot that scores nothing and a score above MAX_SCORE', () => {
    expect(parseBallot(vote('score'), { scores: {} })).toEqual(rejected('no option scored'));
    expect(parseBallot(vote('score'), { scores: { a: 6 } })).toMatchObject({ ok: false, code: 'invalid_ballot' });
    expect(parseBallot(vote('score'), { scores: { a: 2.5 } })).toMatchObject({ ok: false, code: 'invalid_ballot' });
  });
});

describe('parseBallot: ranking', () => {
  it('accepts a partial ranking', () => {
    expect(parseBallot(vote('ranking'), { order: ['c', 'a'] })).toEqual({ ok: true, ballot: { order: ['c', 'a'] } });
  });

  it('rejects duplicates, unknown options and an empty ranking', () => {
    expect(parseBallot(vote('ranking'), { order: ['a', 'b', 'a'] })).toEqual(rejected('duplicate option in ranking'));
    expect(parseBallot(vote('ranking'), { order: ['a', 'x'] })).toEqual(rejected('unknown option'));
    expect(parseBallot(vote('ranking'), { order: [] })).toMatchObject({ ok: false, code: 'invalid_ballot' });
  });
});

describe('parseBallot: dots', () => {
  it('uses DEFAULT_DOTS_BUDGET (5) when the vote has no budget', () => {
    expect(parseBallot(vote('dots'), { dots: { a: 3, b: 2 } })).toEqual({ ok: true, ballot: { dots: { a: 3, b: 2 } } });
    expect(parseBallot(vote('dots'), { dots: { a: 3, b: 3 } })).toEqual(rejected('over the dots budget'));
  });

  it('uses the vote’s own budget', () => {
    expect(parseBallot(vote('dots', 10), { dots: { a: 10 } })).toMatchObject({ ok: true });
    expect(parseBallot(vote('dots', 10), { dots: { a: 6, c: 5 } })).toEqual(rejected('over the dots budget'));
    expect(parseBallot(vote('dots', 2), { dots: { a: 3 } })).toEqual(rejected('over the dots budget'));
  });

  it('rejects a ballot with no dots and an unknown option', () => {
    expect(parseBallot(vote('dots'), { dots: {} })).toEqual(rejected('no dots placed'));
    expect(parseBallot(vote('dots'), { dots: { a: 0, b: 0 } })).toEqual(rejected('no dots placed'));
    expect(parseBallot(vote('dots'), { dots: { a: 1, q: 1 } })).toEqual(rejected('unknown option'));
  });
});
