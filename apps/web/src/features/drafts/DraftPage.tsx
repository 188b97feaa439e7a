import { useEffect, useRef } from 'react';
import { Link, useNavigationType, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can } from '@roundtable/domain';
import { useDraft } from '../../lib/draftProvider';
import { useDocumentTitle } from '../shell/useDocumentTitle';
import { useSessionContext } from '../session/sessionContext';
import { CollaborativeEditor } from './CollaborativeEditor';
import { ConnectionState } from './ConnectionState';
import { participantColour } from './participantColour';

/**
 * `/s/:id/r/:recId`: one recommendation's draft, co-edited live. Loaded on demand, so the
 * home page and join links do not download the editor.
 */
export default function DraftPage() {
  const { t } = useTranslation();
  const { recId = '' } = useParams();
  const { credentials, snapshot, recommendations } = useSessionContext();
  const recommendation = recommendations?.find((r) => r.id === recId);
  const backTo = `/s/${encodeURIComponent(credentials.sessionId)}`;
  useDocumentTitle(recommendation?.title ?? snapshot?.session.title);

  // After following a link (which is now gone), start keyboard and screen-reader users here;
  // on a fresh load or a back/forward, leave focus where the browser puts it.
  const navigationType = useNavigationType();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (navigationType === 'PUSH') heading.current?.focus();
  }, [recId, navigationType]);

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

  return (
    <article className="card draft" aria-labelledby="draft-heading">
      <p>
        <Link to={backTo}>{t('drafts.back')}</Link>
      </p>
      <h2 id="draft-heading" ref={heading} tabIndex={-1} data-testid="recommendation-title">
        {recommendation?.title ?? t('common.loading')}
      </h2>
      {recommendation?.theme && <p className="hint">{t(`themes.${recommendation.theme}`)}</p>}
      {/* Keyed: another recommendation is another Y.Doc and another connection. */}
      <DraftWorkspace key={recId} recommendationId={recId} title={recommendation?.title} />
    </article>
  );
}

function DraftWorkspace({ recommendationId, title }: { recommendationId: string; title: string | undefined }) {
  const { t } = useTranslation();
  const { credentials, role } = useSessionContext();
  const editable = can(role, 'editDrafts');
  const { draft, status } = useDraft(recommendationId, credentials.token, {
    broadcastAwareness: can(role, 'broadcastAwareness'),
    trackLocalChanges: editable,
  });
  const { participant } = credentials;

  return (
    <>
      {!editable && <p className="notice">{t('drafts.observerNotice')}</p>}
      <ConnectionState status={status} />
      {status.refusal ? (
        <div className="alert alert--error" role="alert">
          <p>{t(`drafts.refused.${status.refusal}`)}</p>
          {status.refusal === 'unauthorized' && (
            <p>
              <Link to="/">{t('session.notJoined.link')}</Link>
            </p>
          )}
        </div>
      ) : (
        draft && (
          <CollaborativeEditor
            draft={draft}
            editable={editable}
            user={{ name: participant.name, color: participantColour(participant.id) }}
            label={title ? t('drafts.editorLabel', { title }) : t('drafts.editorLabelUntitled')}
          />
        )
      )}
    </>
  );
}
