import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatShortCode } from '@roundtable/domain';
import {
  type Language,
  LANGUAGES,
  type MeetingState,
  type RecommendationDto,
  type VoteUpdated,
} from '@roundtable/protocol/client';
import { loadCredentials, type SessionCredentials } from '../../lib/credentials';
import { useAgendaItemTitle } from '../agenda/agendaItemTitle';
import { formatDuration } from '../meeting/formatDuration';
import { currentItem, tourTurnRemaining, tourTurns } from '../meeting/meetingView';
import { TimerDisplay } from '../meeting/TimerDisplay';
import { useServerNow } from '../meeting/useServerNow';
import { joinUrl, publicSummaryUrl, useQrCode } from '../session/useQrCode';
import { useSessionData } from '../session/useSessionData';
import { LanguageSwitcher } from '../shell/LanguageSwitcher';
import { useDocumentTitle } from '../shell/useDocumentTitle';
import { VoteFacts } from '../votes/VoteFacts';
import { VoteResults } from '../votes/VoteResults';
import { useVoteTitle } from '../votes/voteText';
import { useRecommendationTitle } from '../drafts/recommendationTitle';
import { ProjectorDraft } from './ProjectorDraft';
import { draftOfItem, nextPin, type PinnedResult } from './projectorFocus';
import { publicVoteView } from './publicVoteView';
import { useQuestions } from '../questions/useQuestions';
/** A speaker's declared language, when it is one a draft can be written in. */
const toSessionLanguage = (l: string | null | undefined): Language | null =>
  l && (LANGUAGES as readonly string[]).includes(l) ? (l as Language) : null;

/** Pixel size of the projected QR code: large enough to scan from a few rows back. */
const QR_SIZE = 320;

/**
 * `/s/:id/screen`: what the room sees on the wall. Opened by the facilitator in a new tab,
 * with the credentials this browser already keeps for the session. Large type, high
 * contrast, nothing to click: the current item, the timer, the floor, the draft under
 * discussion, the open votes and the join code.
 */
export default function ProjectorPage() {
  const { id = '' } = useParams();
  const credentials = useMemo(() => loadCredentials(id), [id]);
  if (!credentials) return <NotJoined />;
  return <Projector key={id} credentials={credentials} />;
}

function NotJoined() {
  const { t } = useTranslation();
  useDocumentTitle(t('projector.notJoined.heading'));
  return (
    <div className="projector projector--message">
      <h1>{t('projector.notJoined.heading')}</h1>
      <p>{t('projector.notJoined.body')}</p>
      <p>
        <Link to="/">{t('session.notJoined.link')}</Link>
      </p>
    </div>
  );
}

function Projector({ credentials }: { credentials: SessionCredentials }) {
  const { t } = useTranslation();
  const data = useSessionData(credentials);
  const { snapshot, recommendations, votes } = data;
  const meeting = data.meeting.state;
  const now = useServerNow(data.meeting.offsetMs, meeting !== null);
  const titleOf = useAgendaItemTitle();
  const recommendationTitle = useRecommendationTitle();
  const item = currentItem(meeting);
  useDocumentTitle(t('projector.pageTitle', { title: snapshot?.session.title ?? t('session.loading') }));

  const draft = draftOfItem(item, recommendations);
  const openVotes = (votes ?? []).filter((v) => v.vote.status === 'open');
  const pinned = usePinnedResult(votes, meeting?.currentItemId ?? null);
  const shownVotes = openVotes.length > 0 ? openVotes : pinned ? [pinned] : [];
  const code = snapshot?.codes?.participant;
  // The facilitator's view; only `projected` (approved or answered, no author) is shown.
  const projected = useQuestions(credentials.sessionId, credentials.token, data.socket, data.socketStatus).view
    ?.projected;

  return (
    <div className={shownVotes.length > 0 ? 'projector projector--vote' : 'projector'} data-testid="projector">
      <header className="projector__header">
        <div>
          <h1 className="projector__title" data-testid="screen-title">
            {snapshot?.session.title ?? t('session.loading')}
          </h1>
          {data.socketStatus !== 'connected' && data.socketStatus !== 'connecting' && (
            <p className="projector__warning" role="status">
              {t('session.live.disconnected')}
            </p>
          )}
        </div>
        <div className="projector__tools">
          <FullScreenButton />
          <LanguageSwitcher />
        </div>
      </header>

      <main className="projector__main">
        <section className="projector__now" aria-label={t('meeting.now.heading')}>
          <p className="projector__label">{t('meeting.now.item')}</p>
          <p className="projector__item" data-testid="screen-current-item" aria-busy={meeting === null}>
            {item ? titleOf(item) : meeting ? t('meeting.now.noItem') : t('common.loading')}
          </p>
          <div className="projector__timer" data-testid="screen-timer">
            {meeting?.timer ? <TimerDisplay timer={meeting.timer} now={now} /> : null}
          </div>
          <Floor meeting={meeting} now={now} />
        </section>

        {shownVotes.length > 0 ? (
          // While a vote is open it takes the centre: a wall cannot scroll, and the draft is
          // frozen anyway (the vote shows the text put to it).
          <section className="projector__centre projector__votes" aria-label={t('votes.heading')}>
            {shownVotes.map((v) => (
              <ProjectedVote key={v.vote.id} update={publicVoteView(v)} recommendations={recommendations} />
            ))}
          </section>
        ) : projected ? (
          // Sent by the facilitator: it takes the centre until they take it off.
          <section
            className="projector__centre projector__question"
            data-testid="screen-question"
            aria-labelledby="screen-question-label"
          >
            <h2 id="screen-question-label" className="projector__label">
              {t('questions.projectorHeading')}
            </h2>
            <p className="projector__question-text" lang={projected.lang}>
              {projected.text}
            </p>
            <p className="projector__question-votes">{t('questions.votes', { count: projected.votes })}</p>
          </section>
        ) : (
          draft && (
            <section
              className="projector__centre projector__draft"
              data-testid="screen-draft"
              aria-labelledby="screen-draft-title"
            >
              <p className="projector__label">{t('projector.draft')}</p>
              <h2 id="screen-draft-title" className="projector__draft-title">
                {recommendationTitle(draft)}
              </h2>
              <ProjectorDraft
                key={draft.id}
                recommendationId={draft.id}
                title={recommendationTitle(draft)}
                credentials={credentials}
                languages={snapshot?.session.languages}
                roomLanguage={toSessionLanguage(meeting?.speaker?.language)}
              />
            </section>
          )
        )}

        {code && <JoinCode code={code} />}
        {meeting?.publicSummaryKey && (
          <SummaryCode sessionId={meeting.sessionId} summaryKey={meeting.publicSummaryKey} />
        )}
      </main>
    </div>
  );
}

/**
 * The closed vote kept on the wall (see `nextPin`). The votes seen open are kept for this tab
 * (sessionStorage), so reloading the projector right after a close keeps the result up.
 */
function usePinnedResult(votes: VoteUpdated[] | null, currentItemId: string | null): VoteUpdated | null {
  const [pin, setPin] = useState<PinnedResult | null>(null);
  const seenOpen = useRef<Set<string>>(null);
  const dismissed = useRef(new Set<string>());
  seenOpen.current ??= new Set(readSeen());
  for (const v of votes ?? []) if (v.vote.status === 'open') seenOpen.current.add(v.vote.id);
  const next = nextPin(pin, votes, seenOpen.current, currentItemId, dismissed.current);
  if (pin && next?.voteId !== pin.voteId) dismissed.current.add(pin.voteId);
  useEffect(() => {
    if (next !== pin) setPin(next);
    writeSeen([...seenOpen.current!]);
  });
  return next ? (votes?.find((v) => v.vote.id === next.voteId) ?? null) : null;
}

const SEEN_KEY = 'roundtable.projector.seenOpen';
function readSeen(): string[] {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(SEEN_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string').slice(-50) : [];
  } catch {
    return [];
  }
}
function writeSeen(ids: string[]): void {
  try {
    sessionStorage.setItem(SEEN_KEY, JSON.stringify(ids.slice(-50)));
  } catch {
    // Storage refused: the pin lasts as long as the page.
  }
}

/** Who has the floor and who is next: the tour de table's order during a round, else the queue's. */
function Floor({ meeting, now }: { meeting: MeetingState | null; now: number }) {
  const { t } = useTranslation();
  if (!meeting) return null;
  const { speaker, queue, tour } = meeting;
  const { next: nextSeat } = tourTurns(meeting);
  const turnLeft = speaker ? tourTurnRemaining(meeting, now) : null;
  const nextName = tour ? nextSeat?.name : queue[0]?.name;
  const nextIsOrder = !tour && queue[0]?.kind === 'point_of_order';

  return (
    <div className="projector__floor" data-testid="screen-speaker">
      <p className="projector__label">
        {t('meeting.now.floor')}
        {tour && ` · ${t('tour.heading')}`}
      </p>
      <p className="projector__speaker">{speaker?.name ?? t('meeting.now.nobody')}</p>
      {speaker && (
        <p className={turnLeft !== null && turnLeft < 0 ? 'projector__turn projector__turn--over' : 'projector__turn'}>
          {turnLeft === null
            ? t('queue.speakingFor', { time: formatDuration(now - speaker.since, 'down') })
            : turnLeft >= 0
              ? t('tour.turnLeft', { time: formatDuration(turnLeft) })
              : t('tour.turnOver', { time: formatDuration(-turnLeft) })}
        </p>
      )}
      {nextName && (
        <p className="projector__next" data-testid="screen-next">
          {t('projector.next', { name: nextName })}
          {nextIsOrder && ` (${t('queue.pointOfOrderShort')})`}
        </p>
      )}
      {!tour && queue.length > 1 && (
        <p className="projector__muted">{t('projector.waiting', { count: queue.length })}</p>
      )}
    </div>
  );
}

function JoinCode({ code }: { code: string }) {
  const { t } = useTranslation();
  const url = joinUrl(code);
  const qr = useQrCode(url, QR_SIZE);
  return (
    <section className="projector__join" aria-labelledby="screen-join-heading">
      <h2 id="screen-join-heading" className="projector__label">
        {t('projector.join')}
      </h2>
      {qr && (
        <img
          className="projector__qr"
          src={qr}
          width={QR_SIZE}
          height={QR_SIZE}
          alt={t('invite.participant.qrAlt', { url })}
          data-testid="screen-qr"
        />
      )}
      <p className="projector__code" data-testid="screen-code">
        {formatShortCode(code)}
      </p>
      <p className="projector__url">{url.replace(/^https?:\/\//, '')}</p>
    </section>
  );
}

/** While the facilitator publishes the summary: its QR code, for people to read it later. */
function SummaryCode({ sessionId, summaryKey }: { sessionId: string; summaryKey: string }) {
  const { t } = useTranslation();
  const url = publicSummaryUrl(sessionId, summaryKey);
  const qr = useQrCode(url, QR_SIZE);
  return (
    <section className="projector__join" aria-labelledby="screen-summary-heading" data-testid="screen-summary">
      <h2 id="screen-summary-heading" className="projector__label">
        {t('report.publicSummary.qr')}
      </h2>
      {qr && (
        <img
          className="projector__qr"
          src={qr}
          width={QR_SIZE}
          height={QR_SIZE}
          alt={t('report.publicSummary.qr')}
          data-testid="screen-summary-qr"
        />
      )}
    </section>
  );
}

function ProjectedVote({
  update,
  recommendations,
}: {
  update: VoteUpdated;
  recommendations: RecommendationDto[] | null;
}) {
  const title = useVoteTitle(update.vote, recommendations);
  return (
    <article className="projector__vote" data-testid="screen-vote" data-status={update.vote.status}>
      <h2 className="projector__vote-title">{title}</h2>
      <VoteFacts update={update} />
      <VoteResults update={update} manages={false} headingLevel={3} />
    </article>
  );
}

/** Asks the browser for full screen; hidden while in it (Escape leaves it). */
function FullScreenButton() {
  const { t } = useTranslation();
  const [full, setFull] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const onChange = () => setFull(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  if (full || !document.fullscreenEnabled) return null;
  return (
    <button
      type="button"
      className="projector__button"
      onClick={() => void document.documentElement.requestFullscreen().catch(() => undefined)}
    >
      {t('projector.fullScreen')}
    </button>
  );
}
