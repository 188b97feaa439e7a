import { useTranslation } from 'react-i18next';
import { motionQuestionIn } from '@roundtable/i18n/client';
import { voteRecommendationIds } from '@roundtable/domain';
import { type Language, LANGUAGES, type RecommendationDto, type VoteDto } from '@roundtable/protocol/client';
import { titleIn } from '../drafts/recommendationTitle';

/**
 * The motion or question a vote is about, in words: its question, its recommendation (titled in
 * the reader's language when it has a version there), or what it prioritises.
 */
export function useVoteTitle(vote: VoteDto, recommendations: readonly RecommendationDto[] | null): string {
  const { t, i18n } = useTranslation();
  const recommendation = vote.recommendationId
    ? recommendations?.find((r) => r.id === vote.recommendationId)
    : undefined;
  if (vote.amendmentId && !vote.question) return t('votes.title.amendment');
  if (vote.question) {
    if (!recommendation) return vote.question;
    return questionIn(
      vote.question,
      recommendation,
      LANGUAGES.find((l) => i18n.language.startsWith(l)) ?? LANGUAGES[0],
    );
  }
  if (vote.recommendationId) {
    const title = recommendation && titleIn(recommendation, i18n.language);
    return title ? t('votes.title.recommendation', { title }) : t('votes.title.recommendationUntitled');
  }
  const count = voteRecommendationIds(vote).length;
  return count > 0 ? t('votes.title.prioritise', { count }) : t('votes.title.options', { count: vote.options.length });
}

/**
 * A motion's question for a reader of `language`. When the facilitator gave no question the
 * server words it in the session's first language, with the first language's title (api-v1:
 * "the server words the question"); a Dutch reader then gets the same question worded in
 * Dutch with the Dutch title. A question the facilitator typed is shown as typed.
 */
export function questionIn(
  question: string,
  recommendation: Pick<RecommendationDto, 'title' | 'titles'>,
  language: Language,
  word: (lng: Language, title: string) => string = motionQuestionIn,
): string {
  const wordedByServer = LANGUAGES.some((lng) => word(lng, recommendation.title) === question);
  return wordedByServer ? word(language, titleIn(recommendation, language)) : question;
}

/**
 * The vote with each recommendation option labelled in the reader's language when that
 * recommendation has a version there (`titleIn`); otherwise, and for free options, the label
 * the vote was opened with (the first language's title at the time). The same object when
 * nothing changes.
 */
export function withReaderLabels(
  vote: VoteDto,
  recommendations: readonly Pick<RecommendationDto, 'id' | 'title' | 'titles'>[] | null,
  language: string,
): VoteDto {
  if (!recommendations || !vote.options.some((o) => o.recommendationId)) return vote;
  const lang = language.slice(0, 2) as keyof RecommendationDto['titles'];
  let changed = false;
  const options = vote.options.map((o) => {
    const recommendation = o.recommendationId ? recommendations.find((r) => r.id === o.recommendationId) : undefined;
    const label = recommendation?.titles?.[lang] ? titleIn(recommendation, lang) : o.label;
    if (label === o.label) return o;
    changed = true;
    return { ...o, label };
  });
  return changed ? { ...vote, options } : vote;
}

/** Label of an option id: the label the vote was opened with. */
export function optionLabel(vote: VoteDto, optionId: string): string {
  return vote.options.find((o) => o.id === optionId)?.label ?? optionId;
}

/** Newest first, open votes before closed ones. */
export function byOpenThenNewest(a: { vote: VoteDto }, b: { vote: VoteDto }): number {
  if (a.vote.status !== b.vote.status) return a.vote.status === 'open' ? -1 : 1;
  return b.vote.openedAt.localeCompare(a.vote.openedAt);
}

/**
 * Id of a vote panel's heading, so a newly opened vote can receive the focus, and so the
 * panel's parts ("Results", "Text voted on") are named after their vote: with several votes
 * on the page, landmarks named "Results" alone could not be told apart.
 */
export const votePanelHeadingId = (voteId: string) => `vote-${voteId}-heading`;

/**
 * Votes this page's facilitator asked to close: their result takes the focus once the closed
 * vote is shown (the close button is gone by then), whichever of the ack and the broadcast
 * comes first.
 */
export const closedHere = new Set<string>();
