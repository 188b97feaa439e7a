import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorCode, ModeratedQuestionState, QuestionsView } from '@roundtable/protocol/client';
import { api } from '../../lib/api';
import { emitWithAck, useSocketEvent, type SessionSocket, type SocketStatus } from '../../lib/socket';
import type { ErrorKey } from '../shell/ErrorAlert';
import { ackError } from '../votes/voteErrors';
import { replaceQuestion, withOwnMarks, type OwnMarks } from './questionsView';

/** What the generic codes mean for questions (the server's English message is never shown). */
export const QUESTION_ERRORS: Partial<Record<ErrorCode, ErrorKey>> = {
  conflict: 'errors.questionTooMany',
  invalid_request: 'errors.questionInvalid',
  rate_limited: 'errors.questionRateLimited',
  not_found: 'errors.questionNotFound',
};

export interface QuestionsApi {
  /** null until the first view arrives. */
  view: QuestionsView | null;
  /** The tag of the action awaiting its ack (`ask`, or `<action>:<questionId>`). */
  pending: string | null;
  error: unknown;
  ask(text: string, lang: string): Promise<boolean>;
  upvote(questionId: string): Promise<boolean>;
  moderate(questionId: string, state: ModeratedQuestionState): Promise<boolean>;
  project(questionId: string | null): Promise<boolean>;
}

/**
 * The caller's view of the session's questions: fetched when the socket connects (and
 * reconnects, to catch up), then kept by `questions:updated` and the acks.
 */
export function useQuestions(
  sessionId: string,
  token: string,
  socket: SessionSocket | null,
  status: SocketStatus,
): QuestionsApi {
  const [view, setView] = useState<QuestionsView | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const known = useRef(new Map<string, OwnMarks>());
  const accept = useCallback((v: QuestionsView) => setView(withOwnMarks(v, known.current)), []);

  useEffect(() => {
    if (status !== 'connected') return;
    const abort = new AbortController();
    api
      .getQuestions(sessionId, token, abort.signal)
      .then(accept)
      .catch(() => undefined);
    return () => abort.abort();
  }, [sessionId, token, status, accept]);

  useSocketEvent(socket, 'questions:updated', accept);

  const run = useCallback(
    async (
      tag: string,
      act: () => Promise<{ ok: true } | { ok: false; error: { code: ErrorCode; message: string } }>,
    ) => {
      setPending(tag);
      setError(null);
      try {
        const res = await act();
        if (!res.ok) setError(ackError(res.error));
        return res.ok;
      } finally {
        setPending(null);
      }
    },
    [],
  );

  return {
    view,
    pending,
    error,
    ask: (text, lang) =>
      run('ask', async () => {
        const res = await emitWithAck(socket, 'question:ask', { text, lang });
        if (res.ok) setView((v) => v && withOwnMarks(replaceQuestion(v, res.question), known.current));
        return res;
      }),
    upvote: (questionId) =>
      run(`upvote:${questionId}`, async () => {
        const res = await emitWithAck(socket, 'question:upvote', { questionId });
        if (res.ok) setView((v) => v && withOwnMarks(replaceQuestion(v, res.question), known.current));
        return res;
      }),
    moderate: (questionId, state) =>
      run(`${state}:${questionId}`, () => emitWithAck(socket, 'question:moderate', { questionId, state })),
    project: (questionId) =>
      run(`project:${questionId ?? 'none'}`, () => emitWithAck(socket, 'question:project', { questionId })),
  };
}
