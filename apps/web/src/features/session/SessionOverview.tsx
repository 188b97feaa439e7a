import { useTranslation } from 'react-i18next';
import { can } from '@roundtable/domain';
import { AgendaPanel } from '../agenda/AgendaPanel';
import { IntervisionPanel } from '../intervision/IntervisionPanel';
import { hasIntervision } from '../meeting/meetingView';
import { MinutesPanel } from '../minutes/MinutesPanel';
import { QuestionsPanel } from '../questions/QuestionsPanel';
import { SpeakingTimePanel } from '../queue/SpeakingTimePanel';
import { TourPanel } from '../queue/TourPanel';
import { useDocumentTitle } from '../shell/useDocumentTitle';
import { VotesSection } from '../votes/VotesSection';
import {
  AddRecommendationForm,
  FacilitatorPanel,
  OpenVoteDisclosure,
  PeoplePanel,
  PublicSummary,
  QuestionModeration,
  ReportDownloads,
} from './facilitatorTools';
import { RecommendationList } from './RecommendationList';
import { useSessionContext } from './sessionContext';

/**
 * `/s/:id`: the meeting, recommendations and votes and, for facilitators, the tools to run
 * the meeting, invite, add, open votes and report. The order follows what each role needs
 * first: facilitators the agenda; observers (often on a phone) the votes.
 */
export function SessionOverview() {
  const { t } = useTranslation();
  const { credentials, role, snapshot, meeting, recommendations, addRecommendation } = useSessionContext();
  useDocumentTitle(snapshot?.session.title ?? t('session.loading'));
  const manages = can(role, 'manageSession');
  const intervision = hasIntervision(snapshot?.session.kind, meeting) && <IntervisionPanel />;
  const recommendationList = <RecommendationList sessionId={credentials.sessionId} recommendations={recommendations} />;
  const votes = <VotesSection>{manages && recommendations !== null && <OpenVoteDisclosure />}</VotesSection>;

  if (manages) {
    return (
      <>
        {/* The codes first: inviting people is what a facilitator does before anything else. */}
        <FacilitatorPanel
          sessionId={credentials.sessionId}
          token={credentials.token}
          openJoin={snapshot?.session.openJoin}
          codes={snapshot?.codes}
          facilitatorCode={credentials.facilitatorCode}
        />
        <AgendaPanel />
        {intervision}
        <TourPanel />
        <SpeakingTimePanel />
        {recommendationList}
        {votes}
        <QuestionsPanel
          renderActions={(question, questions, labelledBy) => (
            <QuestionModeration question={question} questions={questions} labelledBy={labelledBy} />
          )}
        />
        <AddRecommendationForm
          sessionId={credentials.sessionId}
          token={credentials.token}
          themes={snapshot?.session.themes ?? []}
          languages={snapshot?.session.languages}
          onAdded={addRecommendation}
        />
        <MinutesPanel />
        <ReportDownloads
          sessionId={credentials.sessionId}
          token={credentials.token}
          language={snapshot?.session.language}
          place={snapshot?.session.place}
        />
        <PublicSummary />
        <PeoplePanel
          sessionId={credentials.sessionId}
          token={credentials.token}
          myId={credentials.participant.id}
          retentionDays={snapshot?.session.retentionDays}
          anonymisedAt={snapshot?.session.anonymisedAt}
        />
      </>
    );
  }
  if (role === 'observer') {
    return (
      <>
        {votes}
        <QuestionsPanel />
        <TourPanel />
        {intervision}
        {recommendationList}
        <AgendaPanel />
        <MinutesPanel />
      </>
    );
  }
  return (
    <>
      <TourPanel />
      {intervision}
      {recommendationList}
      {votes}
      <QuestionsPanel />
      <AgendaPanel />
      <MinutesPanel />
    </>
  );
}
