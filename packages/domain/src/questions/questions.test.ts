import { describe, expect, it } from 'vitest';
import { MAX_PENDING_QUESTIONS_PER_PERSON, MAX_QUESTIONS_PER_SESSION } from '@roundtable/protocol';
import { checkAsk, checkProject, checkUpvote, privateAuthors, questionsView, type QuestionFacts } from './questions.js';

const q = (over: Partial<QuestionFacts>): QuestionFacts => ({
  id: 'q1',
  authorId: 'obs',
  authorRole: 'observer',
  text: 'Quand ?',
  lang: 'fr',
  state: 'pending',
  createdAt: '2026-01-01T10:00:00.000Z',
  projected: false,
  votes: 0,
  ...over,
});

describe('questions', () => {
  const all = [
    q({ id: 'pending', state: 'pending' }),
    q({ id: 'hidden', state: 'hidden', authorId: 'p2', authorRole: 'participant' }),
    q({ id: 'old', state: 'approved', votes: 2, createdAt: '2026-01-01T09:00:00.000Z' }),
    q({ id: 'top', state: 'answered', votes: 5, projected: true }),
    q({ id: 'young', state: 'approved', votes: 2, createdAt: '2026-01-01T11:00:00.000Z' }),
  ];

  it('shows pending and hidden questions to facilitators and their author only, with names to facilitators', () => {
    const room = questionsView(all, { role: 'participant', participantId: '' });
    expect(room.questions.map((x) => x.id)).toEqual(['top', 'old', 'young']);
    expect(room.hiddenCount).toBe(1);
    expect(room.projected?.id).toBe('top');
    expect(JSON.stringify(room)).not.toContain('obs');
    const author = questionsView(all, { role: 'observer', participantId: 'obs' }, { upvotedIds: new Set(['old']) });
    expect(author.questions.map((x) => [x.id, x.mine, x.upvoted])).toEqual([
      ['top', true, false],
      ['old', true, true],
      ['young', true, false],
      ['pending', true, false],
    ]);
    const fac = questionsView(all, { role: 'facilitator', participantId: 'f' }, { nameOf: (id) => `name:${id}` });
    expect(fac.questions).toHaveLength(5);
    expect(fac.questions[0]?.authorName).toBe('name:obs');
    expect(fac.questions[0]?.upvoted).toBeUndefined();
  });

  it('lists the people whose view is their own: authors of pending or hidden questions, not facilitators', () => {
    expect(privateAuthors([...all, q({ id: 'f', authorId: 'fac', authorRole: 'facilitator' })])).toEqual(
      new Set(['obs', 'p2']),
    );
  });

  it('bounds pending questions per person and questions per session', () => {
    expect(checkAsk(MAX_PENDING_QUESTIONS_PER_PERSON - 1, 0).ok).toBe(true);
    expect(checkAsk(MAX_PENDING_QUESTIONS_PER_PERSON, 0)).toMatchObject({ ok: false, code: 'conflict' });
    expect(checkAsk(0, MAX_QUESTIONS_PER_SESSION)).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('refuses upvotes on what the voter cannot see or on hidden questions, and projecting a pending one', () => {
    const viewer = { role: 'participant' as const, participantId: 'p' };
    expect(checkUpvote(q({ state: 'pending' }), viewer)).toMatchObject({ ok: false, code: 'not_found' });
    expect(checkUpvote(undefined, viewer)).toMatchObject({ ok: false, code: 'not_found' });
    expect(checkUpvote(q({ state: 'hidden', authorId: 'p' }), viewer)).toMatchObject({ ok: false, code: 'conflict' });
    expect(checkUpvote(q({ state: 'approved' }), viewer).ok).toBe(true);
    expect(checkProject(q({ state: 'pending' }))).toMatchObject({ ok: false, code: 'conflict' });
    expect(checkProject(q({ state: 'answered' })).ok).toBe(true);
  });
});
