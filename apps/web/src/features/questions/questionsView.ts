import type { QuestionDto, QuestionsView } from '@roundtable/protocol/client';

/** What only a view addressed to this person says of a question: theirs, upvoted by them. */
export interface OwnMarks {
  mine: boolean;
  upvoted: boolean;
}

/**
 * Room-wide `questions:updated` views carry no `mine`/`upvoted` (one emit serves everyone;
 * docs/protocol.md): a question keeps what this person's last own view, GET or ack said.
 * `known` is updated in place with what `view` says.
 */
export function withOwnMarks(view: QuestionsView, known: Map<string, OwnMarks>): QuestionsView {
  const mark = (q: QuestionDto): QuestionDto => {
    if (q.mine !== undefined && q.upvoted !== undefined) {
      known.set(q.id, { mine: q.mine, upvoted: q.upvoted });
      return q;
    }
    const k = known.get(q.id);
    return { ...q, mine: q.mine ?? k?.mine ?? false, upvoted: q.upvoted ?? k?.upvoted ?? false };
  };
  const questions = view.questions.map(mark);
  return {
    ...view,
    questions,
    projected: view.projected && (questions.find((q) => q.id === view.projected?.id) ?? mark(view.projected)),
  };
}

/** The view with one question replaced (an ack's), keeping the order the server gave. */
export function replaceQuestion(view: QuestionsView, question: QuestionDto): QuestionsView {
  const has = view.questions.some((q) => q.id === question.id);
  return {
    ...view,
    questions: has ? view.questions.map((q) => (q.id === question.id ? question : q)) : [...view.questions, question],
  };
}
