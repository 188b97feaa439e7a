import { useTranslation } from 'react-i18next';
import { displayedStatus } from '@roundtable/domain';
import type { RecommendationStatus } from '@roundtable/protocol/client';
import { useSessionContext } from './sessionContext';

/**
 * A recommendation's status as a text badge; the colour only repeats the word. A motion whose
 * vote has closed reads "awaiting decision", not "under vote" (see `displayedStatus`).
 */
export function RecommendationStatusBadge({
  recommendationId,
  status,
}: {
  recommendationId: string;
  status: RecommendationStatus;
}) {
  const { t } = useTranslation();
  const { votes } = useSessionContext();
  const shown = displayedStatus(recommendationId, status, votes?.map((v) => v.vote) ?? null);
  return (
    <span className={`badge badge--${shown}`} data-testid="recommendation-status" data-status={shown}>
      <span className="visually-hidden">{t('recommendations.statusLabel')} </span>
      {shown === 'awaiting_decision' ? t('statuses.awaitingDecision') : t(`statuses.${shown}`)}
    </span>
  );
}
