import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigationType, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, isDraftFrozen, voteRecommendationIds } from '@roundtable/domain';
import type { RecommendationStatus } from '@roundtable/protocol/client';
import { type Draft, useDraft } from '../../lib/draftProvider';
import { AmendmentsSection } from '../amendments/AmendmentsSection';
import { SelectionAction, type SelectedPassage } from '../amendments/SelectionAction';
import type { HighlightedPassage } from '../amendments/passageHighlights';
import { useAmendments } from '../amendments/useAmendments';
import { usePassages } from '../amendments/usePassages';
import { ChangesSinceLastVisit, HistorySection } from '../history/lazyHistory';
import { useDocumentTitle } from '../shell/useDocumentTitle';
import { RecommendationStatusBadge } from '../session/RecommendationStatusBadge';
import { useSessionContext } from '../session/sessionContext';
import { OpenVoteDisclosure } from '../session/facilitatorTools';
import { VotesSection } from '../votes/VotesSection';
import { EditorFrame } from './EditorFrame';
import { useReportDraft } from './useReportDraft';
import { VersionsWorkspace } from './VersionsWorkspace';
import { useRecommendationTitle } from './recommendationTitle';

/**
 * `/s/:id/r/:recId`: one recommendation's draft, co-edited live. Loaded on demand, so the
 * home page and join links do not download the editor.
 */
export default function DraftPage() {
  const { t } = useTranslation();
  const { recId = '' } = useParams();
  const { credentials, role, snapshot, recommendations, votes } = useSessionContext();
  const recommendation = recommendations?.find((r) => r.id === recId);
  const backTo = `/s/${encodeURIComponent(credentials.sessionId)}`;
  const titleOf = useRecommendationTitle();
  useDocumentTitle(recommendation ? titleOf(recommendation) : snapshot?.session.title);

  // After following a link (which is now gone), start keyboard and screen-reader users here;
  // on a fresh load or a back/forward, leave focus where the browser puts it.
  const navigationType = useNavigationType();
  const heading = useRef<HTMLHeadingElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: recId is the trigger: the page stays mounted when a link moves to another draft, and focus must follow
  useEffect(() => {
    if (navigationType === 'PUSH') heading.current?.focus();
  }, [recId, navigationType]);

  // The passage selected in the draft, and the one the person chose to amend.
  const [selected, setSelected] = useState<SelectedPassage | null>(null);
  const [amendRequest, setAmendRequest] = useState<{ original: string; lang?: SelectedPassage['lang'] } | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const requestHandled = useCallback(() => setAmendRequest(null), []);
  const amendments = useAmendments(recId);
  const passages = usePassages(amendments.list);
  // biome-ignore lint/correctness/useExhaustiveDependencies: recId is the trigger: another draft, another selection
  useEffect(() => {
    setSelected(null);
    setAmendRequest(null);
  }, [recId]);

  if (recommendations && !recommendation) {
    return (
      <section className="card">
        <h2>{t('drafts.notFound')}</h2>
        <p>
          <Link to={backTo}>{t('drafts.back')}</Link>
        </p>
      </section>
    );
  }

  const status = recommendation?.status;
  // Until the snapshot says otherwise, one language: the 1.0 page.
  const languages = snapshot?.session.languages ?? [];
  const mayPropose = can(role, 'editDrafts');
  const frozen = status !== undefined && isDraftFrozen(status);
  // A re-vote needs only that no vote about it is open (api-v1 1.1), decided or not.
  const underVote = (votes ?? []).some(
    (v) => v.vote.status === 'open' && voteRecommendationIds(v.vote).includes(recId),
  );
  return (
    <>
      <article className="card draft" aria-labelledby="draft-heading">
        <p>
          <Link to={backTo}>{t('drafts.back')}</Link>
        </p>
        <h2 id="draft-heading" ref={heading} tabIndex={-1} data-testid="recommendation-title">
          {recommendation ? titleOf(recommendation) : t('common.loading')}
        </h2>
        <p className="draft__meta">
          {status && <RecommendationStatusBadge recommendationId={recId} status={status} />}
          {recommendation?.theme && <span className="hint"> {t(`themes.${recommendation.theme}`)}</span>}
        </p>
        <FrozenNotice status={status} awaitingDecision={status === 'voting' && votes !== null && !underVote} />
        {/*
          Keyed: another recommendation is another Y.Doc and another connection. Freezing and
          unfreezing also start afresh: frozen, the screen shows the server's copy only, so an
          edit typed just as the vote opened (refused by the server) does not linger on it. That
          edit is not lost: it stays in this browser's store and is sent when editing resumes.
        */}
        {languages.length > 1 ? (
          <VersionsWorkspace
            key={`${recId}:${frozen}`}
            recommendation={recommendation}
            recommendationId={recId}
            languages={languages}
            frozen={frozen}
            onSelectPassage={mayPropose ? setSelected : undefined}
            onDraft={setDraft}
            passages={passages}
          />
        ) : (
          <DraftWorkspace
            key={`${recId}:${frozen}`}
            recommendationId={recId}
            title={recommendation?.title}
            frozen={frozen}
            onSelectPassage={mayPropose ? setSelected : undefined}
            onDraft={setDraft}
            passages={languages[0] ? (passages[languages[0]] ?? []) : []}
          />
        )}
        {mayPropose && (
          <SelectionAction
            selected={selected}
            onPropose={(passage) => {
              setAmendRequest({ original: passage.text, lang: passage.lang });
              setSelected(null);
            }}
          />
        )}
      </article>
      {recommendation && languages.length > 0 && (
        <ChangesSinceLastVisit key={recId} recommendationId={recId} languages={languages} draft={draft} />
      )}
      {recommendation && (
        <AmendmentsSection
          key={recId}
          recommendationId={recId}
          languages={languages}
          frozen={frozen}
          request={amendRequest}
          onRequestHandled={requestHandled}
          amendments={amendments}
        />
      )}
      {recommendation && (
        <VotesSection recommendationId={recId}>
          {can(role, 'manageSession') && !underVote && <OpenVoteDisclosure recommendationId={recId} />}
        </VotesSection>
      )}
      {recommendation && languages.length > 0 && (
        <HistorySection key={recId} recommendationId={recId} languages={languages} />
      )}
    </>
  );
}

/** Says why a draft cannot be edited (or can be again); a polite live region, as it changes during the meeting. */
function FrozenNotice({
  status,
  awaitingDecision,
}: {
  status: RecommendationStatus | undefined;
  /** Its vote has closed and the decision is not recorded yet (see `displayedStatus`). */
  awaitingDecision: boolean;
}) {
  const { t } = useTranslation();
  const message = awaitingDecision
    ? t('drafts.frozen.awaitingDecision')
    : status === 'voting' || status === 'adopted' || status === 'rejected' || status === 'to_amend'
      ? t(`drafts.frozen.${status}`)
      : null;
  return (
    <div role="status" className="live-notice-region" data-testid="draft-frozen-notice" data-status={status}>
      {message && <p className={status === 'to_amend' ? 'notice' : 'notice notice--frozen'}>{message}</p>}
    </div>
  );
}

interface WorkspaceProps {
  recommendationId: string;
  title: string | undefined;
  /** Under vote or decided: the server accepts no edit, so the editor is read-only for everyone. */
  frozen: boolean;
  /** Told the passage selected in the draft, to propose an amendment to it (absent: no amending here). */
  onSelectPassage?: (passage: SelectedPassage | null) => void;
  /** Told the live draft once open (and null when it closes), for "changes since you left". */
  onDraft?: (draft: Draft | null) => void;
  passages: HighlightedPassage[];
}

function DraftWorkspace({ recommendationId, title, frozen, onSelectPassage, onDraft, passages }: WorkspaceProps) {
  const { t } = useTranslation();
  const { credentials, role } = useSessionContext();
  const mayEdit = can(role, 'editDrafts');
  const editable = mayEdit && !frozen;
  const { draft, status } = useDraft(recommendationId, credentials.token, {
    broadcastAwareness: can(role, 'broadcastAwareness'),
    editable,
    person: credentials.participant.id,
  });
  const { participant } = credentials;
  useReportDraft(draft, onDraft);

  return (
    <>
      {!mayEdit && <p className="notice">{t('drafts.observerNotice')}</p>}
      <EditorFrame
        onSelectText={onSelectPassage}
        passages={passages}
        draft={draft}
        status={status}
        editable={editable}
        participant={participant}
        label={title ? t('drafts.editorLabel', { title }) : t('drafts.editorLabelUntitled')}
        recommendationId={recommendationId}
      />
    </>
  );
}
