import { describe, expect, it } from 'vitest';
import type { VoteDto } from '@roundtable/protocol';
import { byOpenThenNewest, optionLabel, questionIn } from './voteText';

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

describe('questionIn', () => {
  const word = (lng: string, title: string) =>
    lng === 'nl' ? `Neemt u « ${title} » aan?` : `Adoptez-vous « ${title} » ?`;
  const rec = { title: 'Accès au logement', titles: { fr: 'Accès au logement', nl: 'Toegang tot huisvesting' } };
  it("rewords the server's question in the reader's language, with that language's title", () =>
    expect(questionIn('Adoptez-vous « Accès au logement » ?', rec, 'nl', word)).toBe(
      'Neemt u « Toegang tot huisvesting » aan?',
    ));
  it('keeps it for a reader of the first language', () =>
    expect(questionIn('Adoptez-vous « Accès au logement » ?', rec, 'fr', word)).toBe(
      'Adoptez-vous « Accès au logement » ?',
    ));
  it('falls back to the first title when the reader has no version', () =>
    expect(questionIn('Adoptez-vous « Accès au logement » ?', { title: rec.title, titles: {} }, 'nl', word)).toBe(
      'Neemt u « Accès au logement » aan?',
    ));
  it('shows a question the facilitator typed as typed', () =>
    expect(questionIn('Faut-il un moratoire ?', rec, 'nl', word)).toBe('Faut-il un moratoire ?'));
});
