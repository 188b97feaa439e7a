import { useTranslation } from 'react-i18next';
import { can } from '@roundtable/domain';
import { ReportDownloads } from '../report/ReportDownloads';
import { useDocumentTitle } from '../shell/useDocumentTitle';
import { OpenVoteDisclosure } from '../votes/OpenVoteDisclosure';
import { VotesSection } from '../votes/VotesSection';
import { AddRecommendationForm } from './AddRecommendationForm';
import { FacilitatorPanel } from './FacilitatorPanel';
import { RecommendationList } from './RecommendationList';
import { useSessionContext } from './sessionContext';

/** `/s/:id`: the recommendations and votes and, for facilitators, the tools to invite, add, open votes and report. */
export function SessionOverview() {
  const { t } = useTranslation();
  const { credentials, role, snapshot, recommendations, addRecommendation } = useSessionContext();
  useDocumentTitle(snapshot?.session.title ?? t('session.loading'));
  const manages = can(role, 'manageSession');
  return (
    <>
      <RecommendationList sessionId={credentials.sessionId} recommendations={recommendations} />
      <VotesSection>{manages && recommendations !== null && <OpenVoteDisclosure />}</VotesSection>
      {manages && (
        <AddRecommendationForm
          sessionId={credentials.sessionId}
          token={credentials.token}
          themes={snapshot?.session.themes ?? []}
          onAdded={addRecommendation}
        />
      )}
      {manages && <ReportDownloads sessionId={credentials.sessionId} token={credentials.token} />}
      {manages && <FacilitatorPanel codes={snapshot?.codes} facilitatorCode={credentials.facilitatorCode} />}
    </>
  );
}
