import { z } from 'zod';
import { MAX_QUESTION_LENGTH } from './limits.js';
import { Id, multiLineText } from './primitives.js';

/*
 * Questions from the room and from remote attendees (api-v1.1): anyone asks, anyone
 * upvotes (one vote per person), the facilitator moderates and may project one.
 */

export const QUESTION_STATES = ['pending', 'approved', 'hidden', 'answered'] as const;
export const QuestionState = z.enum(QUESTION_STATES);
export type QuestionState = z.infer<typeof QuestionState>;
/** What a facilitator may set; `pending` is only where a question starts. */
export const ModeratedQuestionState = z.enum(['approved', 'hidden', 'answered']);
export type ModeratedQuestionState = z.infer<typeof ModeratedQuestionState>;

export const QuestionId = Id;

/**
 * The language a question is written in: api-v1 says a string, so not only the session
 * languages (a remote attendee may ask in German); a BCP 47-like tag, bounded.
 */
export const QuestionLang = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/, 'must be a language tag like "fr" or "nl-BE"')
  .max(35);

export const QuestionAskPayload = z.strictObject({
  text: multiLineText(1, MAX_QUESTION_LENGTH),
  lang: QuestionLang.optional(),
});
export const QuestionUpvotePayload = z.strictObject({ questionId: QuestionId });
export const QuestionModeratePayload = z.strictObject({ questionId: QuestionId, state: ModeratedQuestionState });
/** `null` takes the projected question off the projector. */
export const QuestionProjectPayload = z.strictObject({ questionId: QuestionId.nullable() });

/**
 * A question as one audience sees it. `authorName` only in facilitators' views (privacy);
 * `mine` and `upvoted` only in views addressed to one person (GET, acks, the personal
 * `questions:updated`); room-wide views leave them out, and a client keeps what it last knew.
 */
export interface QuestionDto {
  id: string;
  text: string;
  lang: string;
  state: QuestionState;
  votes: number;
  createdAt: string;
  /** On the projector now. */
  projected: boolean;
  authorName?: string;
  mine?: boolean;
  upvoted?: boolean;
}

/**
 * `questions:updated` and `GET .../questions`: facilitators get every question; everyone
 * else the approved and answered ones, plus their own pending and hidden ones, and how
 * many are hidden. Most votes first, then oldest.
 */
export interface QuestionsView {
  questions: QuestionDto[];
  hiddenCount: number;
  /** The question on the projector (approved or answered), or null. */
  projected: QuestionDto | null;
}
