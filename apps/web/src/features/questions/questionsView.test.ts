import { describe, expect, it } from 'vitest';
import type { QuestionDto } from '@roundtable/protocol';
import { replaceQuestion, withOwnMarks, type OwnMarks } from './questionsView';

const q = (over: Partial<QuestionDto>): QuestionDto => ({
  id: 'a',
  text: 'Q ?',
  lang: 'fr',
  state: 'approved',
  votes: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  projected: false,
  ...over,
});

describe('withOwnMarks', () => {
  it('keeps the marks of the last personal view when a room-wide view leaves them out', () => {
    const known = new Map<string, OwnMarks>();
    withOwnMarks({ questions: [q({ mine: true, upvoted: true })], hiddenCount: 0, projected: null }, known);
    const room = withOwnMarks(
      { questions: [q({ votes: 2 }), q({ id: 'b' })], hiddenCount: 1, projected: q({ projected: true }) },
      known,
    );
    expect(room.questions.map((x) => [x.id, x.votes, x.mine, x.upvoted])).toEqual([
      ['a', 2, true, true],
      ['b', 1, false, false],
    ]);
    expect(room.projected).toMatchObject({ id: 'a', mine: true });
  });

  it('replaces one question in place, or appends a new one', () => {
    const view = { questions: [q({}), q({ id: 'b' })], hiddenCount: 0, projected: null };
    expect(replaceQuestion(view, q({ id: 'b', votes: 9 })).questions.map((x) => x.votes)).toEqual([1, 9]);
    expect(replaceQuestion(view, q({ id: 'c' })).questions).toHaveLength(3);
  });
});
