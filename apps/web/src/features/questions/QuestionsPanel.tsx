import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, MAX_QUESTION_LENGTH, type Language, type QuestionDto } from '@roundtable/protocol/client';
import { useSessionContext } from '../session/sessionContext';
import { ErrorAlert } from '../shell/ErrorAlert';
import { QUESTION_ERRORS, useQuestions, type QuestionsApi } from './useQuestions';

interface Props {
  /** The facilitator's moderation buttons for one question (from the facilitator tools). */
  renderActions?: (question: QuestionDto, questions: QuestionsApi, labelledBy: string) => ReactNode;
}

/**
 * Questions from the room, for every role (observers on a phone included): ask one in your
 * language, support others' (again takes the support back), see the approved and answered
 * ones, your own pending ones, and how many were hidden.
 */
export function QuestionsPanel({ renderActions }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const { credentials, socket, live } = useSessionContext();
  const questions = useQuestions(credentials.sessionId, credentials.token, socket, live ? 'connected' : 'disconnected');
  const { view } = questions;

  return (
    <section className="card questions" aria-labelledby={`${id}-heading`} data-testid="questions-panel">
      <h2 id={`${id}-heading`}>{t('questions.heading')}</h2>
      <p className="hint">{t(renderActions ? 'questions.moderation.explain' : 'questions.explain')}</p>
      <AskForm questions={questions} />
      <ErrorAlert error={questions.error} overrides={QUESTION_ERRORS} />
      {view === null ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : view.questions.length === 0 ? (
        <p className="hint" data-testid="questions-empty">
          {t(renderActions ? 'questions.moderation.empty' : 'questions.empty')}
        </p>
      ) : (
        <ul className="questions__list" aria-label={t('questions.listLabel')}>
          {view.questions.map((q) => (
            <QuestionItem key={q.id} question={q} questions={questions} renderActions={renderActions} />
          ))}
        </ul>
      )}
      {view !== null && view.hiddenCount > 0 && (
        <p className="hint" data-testid="questions-hidden-count">
          {t('questions.hiddenCount', { count: view.hiddenCount })}
        </p>
      )}
    </section>
  );
}

function AskForm({ questions }: { questions: QuestionsApi }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { snapshot } = useSessionContext();
  // The session's languages first, then the others: a remote attendee may not speak the room's.
  const languages: readonly Language[] = [...new Set([...(snapshot?.session.languages ?? []), ...LANGUAGES])];
  const uiLanguage = languages.find((l) => i18n.language.startsWith(l));
  const [lang, setLang] = useState<Language | null>(null);
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const chosen = lang ?? uiLanguage ?? languages[0] ?? 'fr';

  return (
    <form
      className="questions__ask"
      onSubmit={(e) => {
        e.preventDefault();
        if (questions.pending === 'ask' || text.trim() === '') return;
        void questions.ask(text, chosen).then((ok) => {
          setSent(ok);
          if (ok) setText('');
        });
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('questions.askLabel')}</label>
        <textarea
          id={`${id}-text`}
          data-testid="question-text"
          lang={chosen}
          rows={2}
          maxLength={MAX_QUESTION_LENGTH}
          required
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setSent(false);
          }}
        />
      </div>
      <div className="questions__ask-row">
        <div className="field field--compact">
          <label htmlFor={`${id}-lang`}>{t('questions.askLanguage')}</label>
          <select
            id={`${id}-lang`}
            data-testid="question-lang"
            value={chosen}
            onChange={(e) => setLang(e.target.value as Language)}
          >
            {languages.map((l) => (
              <option key={l} value={l}>
                {t(`languages.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" data-testid="question-ask" aria-disabled={questions.pending === 'ask'}>
          {t('questions.ask')}
        </button>
      </div>
      <p role="status" className="questions__sent">
        {sent ? t('questions.asked') : ''}
      </p>
    </form>
  );
}

function QuestionItem({
  question: q,
  questions,
  renderActions,
}: {
  question: QuestionDto;
  questions: QuestionsApi;
  renderActions: Props['renderActions'];
}) {
  const { t } = useTranslation();
  const id = useId();
  const textId = `${id}-text`;
  const busy = questions.pending === `upvote:${q.id}`;
  return (
    <li className="question" data-testid="question" data-state={q.state} data-question-id={q.id}>
      <p className="question__text" id={textId} lang={q.lang}>
        {q.text}
      </p>
      <p className="question__meta">
        {q.state !== 'approved' && (
          <span className={`badge badge--question-${q.state}`} data-testid="question-state">
            {t(`questions.states.${q.state}`)}
          </span>
        )}
        {q.projected && <span className="badge badge--question-projected">{t('questions.projected')}</span>}
        {q.mine && <span className="question__mine">{t('questions.mine')}</span>}
        {q.authorName && <span>{t('questions.moderation.author', { name: q.authorName })}</span>}
      </p>
      <div className="question__actions">
        {q.state !== 'hidden' && (
          <button
            type="button"
            className="button button--small question__upvote"
            data-testid="question-upvote"
            aria-pressed={q.upvoted === true}
            aria-describedby={textId}
            aria-disabled={busy}
            onClick={() => {
              if (!busy) void questions.upvote(q.id);
            }}
          >
            {t('questions.upvote')}
          </button>
        )}
        <span className="question__votes" data-testid="question-votes">
          {t('questions.votes', { count: q.votes })}
        </span>
      </div>
      {renderActions?.(q, questions, textId)}
    </li>
  );
}
