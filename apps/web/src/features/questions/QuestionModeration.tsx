import { useTranslation } from 'react-i18next';
import type { ModeratedQuestionState, QuestionDto } from '@roundtable/protocol/client';
import type { QuestionsApi } from './useQuestions';

const STATES: { state: ModeratedQuestionState; label: 'approve' | 'hide' | 'answered' }[] = [
  { state: 'approved', label: 'approve' },
  { state: 'answered', label: 'answered' },
  { state: 'hidden', label: 'hide' },
];

interface Props {
  question: QuestionDto;
  questions: QuestionsApi;
  /** The question's text, naming the group of buttons for screen readers. */
  labelledBy: string;
}

/**
 * The facilitator's buttons on one question: approve, mark answered, hide, and send it to
 * the projector view (or take it off). In the facilitator tools' chunk.
 */
export function QuestionModeration({ question: q, questions, labelledBy }: Props) {
  const { t } = useTranslation();
  const busy = questions.pending !== null;
  const isPublic = q.state === 'approved' || q.state === 'answered';
  return (
    <fieldset className="question__moderation" aria-labelledby={labelledBy} data-testid="question-moderation">
      {STATES.filter((s) => s.state !== q.state).map((s) => (
        <button
          key={s.state}
          type="button"
          className="button button--small"
          data-testid={`question-${s.label}`}
          aria-disabled={busy}
          onClick={() => {
            if (!busy) void questions.moderate(q.id, s.state);
          }}
        >
          {t(`questions.moderation.${s.label}`)}
        </button>
      ))}
      {isPublic && (
        <button
          type="button"
          className="button button--small"
          data-testid="question-project"
          aria-pressed={q.projected}
          aria-disabled={busy}
          onClick={() => {
            if (!busy) void questions.project(q.projected ? null : q.id);
          }}
        >
          {t(q.projected ? 'questions.moderation.unproject' : 'questions.moderation.project')}
        </button>
      )}
    </fieldset>
  );
}
