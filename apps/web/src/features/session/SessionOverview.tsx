import { useTranslation } from 'react-i18next';
import { can } from '@roundtable/domain';
import { useDocumentTitle } from '../shell/useDocumentTitle';
import { AddRecommendationForm } from './AddRecommendationForm';
import { FacilitatorPanel } from './FacilitatorPanel';
import { RecommendationList } from './RecommendationList';
import { useSessionContext } from './sessionContext';

/** `/s/:id`: the recommendations and, for facilitators, the tools to invite and add. */
export function SessionOverview() {
  const { t } = useTranslation();
  const { credentials, role, snapshot, recommendations, addRecommendation } = useSessionContext();
  useDocumentTitle(snapshot?.session.title ?? t('session.loading'));
  const manages = can(role, 'manageSession');
  return (
    <>
      <RecommendationList sessionId={credentials.sessionId} recommendations={recommendations} />
      {manages && (
        <AddRecommendationForm
          sessionId={credentials.sessionId}
          token={credentials.token}
          themes={snapshot?.session.themes ?? []}
          onAdded={addRecommendation}
        />
      )}
      {manages && <FacilitatorPanel codes={snapshot?.codes} facilitatorCode={credentials.facilitatorCode} />}
    </>
  );
}
