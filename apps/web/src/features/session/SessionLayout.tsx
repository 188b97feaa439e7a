import { Suspense, useEffect, useMemo } from 'react';
import { Link, Outlet, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';
import { forgetCredentials, loadCredentials, type SessionCredentials } from '../../lib/credentials';
import { ErrorAlert } from '../shell/ErrorAlert';
import { useDocumentTitle } from '../shell/useDocumentTitle';
import { MeetingNow } from '../meeting/MeetingNow';
import { FloorPanel } from '../queue/FloorPanel';
import { LiveUpdatesNotice } from './LiveUpdatesNotice';
import { PhoneActionBar } from './PhoneActionBar';
import { PresenceList } from './PresenceList';
import { SessionHeader } from './SessionHeader';
import { SessionContextValue, type SessionContext } from './sessionContext';
import { useSessionData } from './useSessionData';

/** `/s/:id` and its children: needs this device to have joined the session. */
export function SessionLayout() {
  const { id = '' } = useParams();
  const credentials = useMemo(() => loadCredentials(id), [id]);
  if (!credentials) return <NotJoined />;
  // Keyed so that moving to another session starts from a clean state.
  return <JoinedSession key={id} credentials={credentials} />;
}

function NotJoined() {
  const { t } = useTranslation();
  useDocumentTitle(t('session.notJoined.heading'));
  return (
    <section className="narrow">
      <h1>{t('session.notJoined.heading')}</h1>
      <p>{t('session.notJoined.body')}</p>
      <p>
        <Link to="/">{t('session.notJoined.link')}</Link>
      </p>
    </section>
  );
}

function JoinedSession({ credentials }: { credentials: SessionCredentials }) {
  const { t } = useTranslation();
  const data = useSessionData(credentials);
  const { snapshot, error } = data;
  const refused = error instanceof ApiError && (error.code === 'unauthorized' || error.code === 'not_found');
  // The stored token is of no use any more: joining again (same link) must not reuse it.
  useEffect(() => {
    if (refused) forgetCredentials(credentials.sessionId);
  }, [refused, credentials.sessionId]);

  // Without a valid token nothing below can work: say so plainly and offer to join again.
  if (refused) {
    return (
      <section className="narrow">
        <h1>{t(error.code === 'unauthorized' ? 'session.refused.heading' : 'session.missing.heading')}</h1>
        <ErrorAlert error={error} />
        <p>
          <Link to="/">{t('session.notJoined.link')}</Link>
        </p>
      </section>
    );
  }

  const role = snapshot?.me.role ?? credentials.participant.role;
  const context: SessionContext = {
    credentials,
    role,
    snapshot,
    recommendations: data.recommendations,
    addRecommendation: data.addRecommendation,
    votes: data.votes,
    upsertVote: data.upsertVote,
    socket: data.socket,
    live: data.socketStatus === 'connected',
    presence: data.presence,
    meeting: data.meeting.state,
    clockOffsetMs: data.meeting.offsetMs,
    acceptMeeting: data.meeting.accept,
  };

  return (
    <SessionContextValue value={context}>
      <div className="session">
        <SessionHeader snapshot={snapshot} name={snapshot?.me.name ?? credentials.participant.name} role={role} />
        {error != null && (
          <div className="retry">
            <ErrorAlert error={error} />
            <button type="button" className="button" onClick={data.reload}>
              {t('common.retry')}
            </button>
          </div>
        )}
        <LiveUpdatesNotice status={data.socketStatus} />
        <MeetingNow />
        <div className="session__grid">
          <div className="session__content">
            <Suspense fallback={<p aria-busy="true">{t('common.loading')}</p>}>
              <Outlet />
            </Suspense>
          </div>
          {/* Beside every page, drafts included: the queue goes on while people write. */}
          <div className="session__side">
            <FloorPanel />
            <PresenceList participants={data.presence} meId={credentials.participant.id} />
          </div>
        </div>
        <PhoneActionBar />
      </div>
    </SessionContextValue>
  );
}
