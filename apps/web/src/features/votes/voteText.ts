import { useTranslation } from 'react-i18next';
import { voteRecommendationIds } from '@roundtable/domain';
import type { RecommendationDto, VoteDto } from '@roundtable/protocol';

/** The motion or question a vote is about, in words: its question, its recommendation, or what it prioritises. */
export function useVoteTitle(vote: VoteDto, recommendations: readonly RecommendationDto[] | null): string {
  const { t } = useTranslation();
  if (vote.question) return vote.question;
  if (vote.amendmentId) return t('votes.title.amendment');
  if (vote.recommendationId) {
    const title = recommendations?.find((r) => r.id === vote.recommendationId)?.title;
    return title ? t('votes.title.recommendation', { title }) : t('votes.title.recommendationUntitled');
  }
  const count = voteRecommendationIds(vote).length;
  return count > 0 ? t('votes.title.prioritise', { count }) : t('votes.title.options', { count: vote.options.length });
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
