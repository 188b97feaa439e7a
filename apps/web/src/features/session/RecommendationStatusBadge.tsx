import { useTranslation } from 'react-i18next';
import type { RecommendationStatus } from '@roundtable/protocol/client';

/** A recommendation's status as a text badge; the colour only repeats the word. */
export function RecommendationStatusBadge({ status }: { status: RecommendationStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--${status}`} data-testid="recommendation-status" data-status={status}>
      <span className="visually-hidden">{t('recommendations.statusLabel')} </span>
      {t(`statuses.${status}`)}
    </span>
  );
}
