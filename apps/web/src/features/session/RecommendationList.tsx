import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { groupByTheme } from '@roundtable/domain';
import type { RecommendationDto } from '@roundtable/protocol/client';
import { RecommendationStatusBadge } from './RecommendationStatusBadge';
import { useRecommendationTitle } from '../drafts/recommendationTitle';

interface Props {
  sessionId: string;
  /** null while loading. */
  recommendations: RecommendationDto[] | null;
}

/** The recommendations grouped by theme (canonical theme order), each opening its draft. */
export function RecommendationList({ sessionId, recommendations }: Props) {
  const { t } = useTranslation();
  const titleOf = useRecommendationTitle();
  const groups = groupByTheme(recommendations ?? []);
  return (
    <section className="card" aria-labelledby="recommendations-heading" data-testid="recommendation-list">
      <h2 id="recommendations-heading">{t('recommendations.heading')}</h2>
      {recommendations === null && <p aria-busy="true">{t('common.loading')}</p>}
      {recommendations !== null && groups.length === 0 && <p>{t('recommendations.empty')}</p>}
      {groups.map((group) => (
        <section key={group.theme ?? 'none'} className="theme-group">
          <h3>{group.theme ? t(`themes.${group.theme}`) : t('recommendations.noTheme')}</h3>
          <ul className="recommendations">
            {group.recommendations.map((r) => (
              <li key={r.id} data-recommendation-id={r.id}>
                <Link
                  to={`/s/${encodeURIComponent(sessionId)}/r/${encodeURIComponent(r.id)}`}
                  data-testid="recommendation-link"
                >
                  {titleOf(r)}
                </Link>{' '}
                <RecommendationStatusBadge recommendationId={r.id} status={r.status} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
