import type { AgendaItem, RecommendationDto, VoteUpdated } from '@roundtable/protocol/client';

/**
 * The draft a projected item is about: the first recommendation the item names; for a drafting
 * item that names none, the first of its theme's recommendations still being written (any
 * theme's when the item has none), so "Drafting: housing" shows the housing draft by default.
 */
export function draftOfItem(
  item: AgendaItem | null,
  recommendations: readonly RecommendationDto[] | null,
): RecommendationDto | undefined {
  if (!item || !recommendations) return undefined;
  const named = item.recommendationIds[0];
  if (named) return recommendations.find((r) => r.id === named);
  if (item.kind !== 'drafting') return undefined;
  return recommendations.find((r) => r.status === 'draft' && (item.theme === null || r.theme === item.theme));
}

/** A closed vote kept on the wall, and the agenda item that was current when it closed. */
export interface PinnedResult {
  voteId: string;
  itemId: string | null;
}

/**
 * Which closed vote stays on the wall: the one that closed while this screen showed it open,
 * until the facilitator moves on: another agenda item becomes current, or another vote opens
 * (open votes always come first). Returns the new pin from the previous one.
 */
export function nextPin(
  previous: PinnedResult | null,
  votes: readonly VoteUpdated[] | null,
  seenOpen: ReadonlySet<string>,
  currentItemId: string | null,
  /** Votes already taken off the wall: they never come back. */
  dismissed: ReadonlySet<string> = new Set(),
): PinnedResult | null {
  if (!votes) return previous;
  if (votes.some((v) => v.vote.status === 'open')) return null;
  if (previous && previous.itemId !== currentItemId) return null;
  const justClosed = votes
    .filter((v) => v.vote.status === 'closed' && seenOpen.has(v.vote.id) && !dismissed.has(v.vote.id))
    .sort((a, b) => (b.vote.closedAt ?? '').localeCompare(a.vote.closedAt ?? ''))[0];
  if (justClosed && justClosed.vote.id !== previous?.voteId)
    return { voteId: justClosed.vote.id, itemId: currentItemId };
  return previous && votes.some((v) => v.vote.id === previous.voteId) ? previous : null;
}
