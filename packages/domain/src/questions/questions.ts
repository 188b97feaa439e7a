import {
  MAX_PENDING_QUESTIONS_PER_PERSON,
  MAX_QUESTIONS_PER_SESSION,
  type ErrorCode,
  type ModeratedQuestionState,
  type QuestionDto,
  type QuestionState,
  type QuestionsView,
  type Role,
} from '@roundtable/protocol/client';
import { can } from '../permissions.js';

/** A question as the server keeps it: the author's participant id, never their name. */
export interface QuestionFacts {
  id: string;
  authorId: string;
  authorRole: Role;
  text: string;
  lang: string;
  state: QuestionState;
  createdAt: string;
  projected: boolean;
  votes: number;
}

/** Who is looking: their role and person (all their devices share the participant id). */
export interface QuestionViewer {
  role: Role;
  participantId: string;
}

export type QuestionRefusal = { ok: false; code: Extract<ErrorCode, 'conflict' | 'not_found'>; message: string };
export type QuestionCheck = { ok: true } | QuestionRefusal;

const refuse = (code: QuestionRefusal['code'], message: string): QuestionRefusal => ({ ok: false, code, message });
const OK: QuestionCheck = { ok: true };

/** States everyone sees; `pending` and `hidden` only the facilitators and the author. */
export const isPublicQuestionState = (state: QuestionState) => state === 'approved' || state === 'answered';

/** True when `viewer` may see `q` (api-v1.1). */
export function canSeeQuestion(q: Pick<QuestionFacts, 'state' | 'authorId'>, viewer: QuestionViewer): boolean {
  return can(viewer.role, 'manageSession') || isPublicQuestionState(q.state) || q.authorId === viewer.participantId;
}

/** May this person ask one more? `pendingOfAuthor`: theirs still pending; `total`: the session's. */
export function checkAsk(pendingOfAuthor: number, total: number): QuestionCheck {
  if (total >= MAX_QUESTIONS_PER_SESSION) return refuse('conflict', 'this session holds as many questions as it can');
  if (pendingOfAuthor >= MAX_PENDING_QUESTIONS_PER_PERSON)
    return refuse('conflict', 'wait until your questions are moderated before asking more');
  return OK;
}

/** An upvote reaches only a question its voter can see; a hidden one takes none. */
export function checkUpvote(q: QuestionFacts | undefined, viewer: QuestionViewer): QuestionCheck {
  if (!q || !canSeeQuestion(q, viewer)) return refuse('not_found', 'no such question in this session');
  if (q.state === 'hidden') return refuse('conflict', 'a hidden question takes no votes');
  return OK;
}

/** Any moderated state may follow any other; `pending` is never set again. */
export function checkModerate(q: QuestionFacts | undefined, _state: ModeratedQuestionState): QuestionCheck {
  return q ? OK : refuse('not_found', 'no such question in this session');
}

/** Only what everyone may see goes on the projector. */
export function checkProject(q: QuestionFacts | undefined): QuestionCheck {
  if (!q) return refuse('not_found', 'no such question in this session');
  if (!isPublicQuestionState(q.state)) return refuse('conflict', 'approve the question before projecting it');
  return OK;
}

/** Most votes first, then the oldest: the order the room reads them in. */
function byVotesThenAge(a: QuestionFacts, b: QuestionFacts): number {
  return b.votes - a.votes || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

export interface ViewOptions {
  /** Set: the view is this one person's, with `mine` and `upvoted`. */
  upvotedIds?: ReadonlySet<string>;
  /** Facilitators' views name authors. */
  nameOf?: (participantId: string) => string;
}

/**
 * The view of one audience. `viewer.participantId` empty: the room-wide view of that role
 * (no one's own questions). Non-facilitators never get an author's name or id.
 */
export function questionsView(
  all: readonly QuestionFacts[],
  viewer: QuestionViewer,
  opts: ViewOptions = {},
): QuestionsView {
  const facilitator = can(viewer.role, 'manageSession');
  const personal = opts.upvotedIds !== undefined;
  const toDto = (q: QuestionFacts): QuestionDto => ({
    id: q.id,
    text: q.text,
    lang: q.lang,
    state: q.state,
    votes: q.votes,
    createdAt: q.createdAt,
    projected: q.projected,
    ...(facilitator && opts.nameOf && { authorName: opts.nameOf(q.authorId) }),
    ...(personal && { mine: q.authorId === viewer.participantId, upvoted: opts.upvotedIds?.has(q.id) ?? false }),
  });
  const questions = all
    .filter((q) => canSeeQuestion(q, viewer))
    .sort(byVotesThenAge)
    .map(toDto);
  const projected = questions.find((q) => q.projected) ?? null;
  return {
    questions,
    hiddenCount: all.filter((q) => q.state === 'hidden').length,
    projected: projected && isPublicQuestionState(projected.state) ? projected : null,
  };
}

/** People other than facilitators whose view differs from the room's: they hold pending or hidden questions. */
export function privateAuthors(all: readonly QuestionFacts[]): Set<string> {
  return new Set(
    all.filter((q) => !isPublicQuestionState(q.state) && !can(q.authorRole, 'manageSession')).map((q) => q.authorId),
  );
}
