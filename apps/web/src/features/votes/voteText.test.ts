import { describe, expect, it } from 'vitest';
import type { VoteDto } from '@roundtable/protocol';
import { byOpenThenNewest, optionLabel } from './voteText';

const vote = (over: Partial<VoteDto>) =>
  ({ id: 'v', status: 'open', openedAt: '2026-01-01T10:00:00.000Z', options: [], ...over }) as VoteDto;

describe('optionLabel', () => {
  const v = vote({ options: [{ id: 'o1', label: 'Housing first' }] as VoteDto['options'] });
  it('is the label the vote was opened with', () => expect(optionLabel(v, 'o1')).toBe('Housing first'));
  it('falls back to the id for an unknown option', () => expect(optionLabel(v, 'o9')).toBe('o9'));
});

describe('byOpenThenNewest', () => {
  it('puts open votes first, then the newest first within each status', () => {
    const votes = [
      vote({ id: 'closed-old', status: 'closed', openedAt: '2026-01-01T09:00:00.000Z' }),
      vote({ id: 'open-old', openedAt: '2026-01-01T09:30:00.000Z' }),
      vote({ id: 'closed-new', status: 'closed', openedAt: '2026-01-01T11:00:00.000Z' }),
      vote({ id: 'open-new', openedAt: '2026-01-01T10:30:00.000Z' }),
    ].map((v) => ({ vote: v }));
    expect(votes.sort(byOpenThenNewest).map((v) => v.vote.id)).toEqual([
      'open-new',
      'open-old',
      'closed-new',
      'closed-old',
    ]);
  });

  it('keeps two votes opened at the same time level', () => {
    expect(byOpenThenNewest({ vote: vote({ id: 'a' }) }, { vote: vote({ id: 'b' }) })).toBe(0);
  });
});
