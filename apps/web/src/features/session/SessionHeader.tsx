import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { Role, SessionSnapshot } from '@roundtable/protocol/client';

/** Router state of a navigation that lands on the session right after joining or creating it. */
export interface ArrivalState {
  arrived: true;
}

interface Props {
  snapshot: SessionSnapshot | null;
  name: string;
  role: Role;
}

/** Title, kind and level of the session, and who the user is in it (role as text). */
export function SessionHeader({ snapshot, name, role }: Props) {
  const { t } = useTranslation();
  const session = snapshot?.session;
  const heading = useRef<HTMLHeadingElement>(null);
  const location = useLocation();
  const arrived = (location.state as ArrivalState | null)?.arrived === true;
  const loaded = session !== undefined;
  // Just joined or created: start at the top, on the session's name, with "now in the meeting"
  // right below it, instead of wherever the join form's button was (issue #12).
  useEffect(() => {
    if (!arrived || !loaded) return;
    window.scrollTo(0, 0);
    heading.current?.focus({ preventScroll: true });
  }, [arrived, loaded]);
  return (
    <header className="session-header">
      {session ? (
        <h1 data-testid="session-title" ref={heading} tabIndex={-1}>
          {session.title}
        </h1>
      ) : (
        <h1 aria-busy="true">{t('session.loading')}</h1>
      )}
      {session && (
        <p className="session-header__meta">
          {t(`kinds.${session.kind}`)}
          {session.level && ` · ${t(`levels.${session.level}`)}`}
          {session.themes.length > 0 && ` · ${session.themes.map((theme) => t(`themes.${theme}`)).join(', ')}`}
          {session.place && ` · ${session.place}`}
        </p>
      )}
      <p className="session-header__me" data-testid="my-role" data-role={role}>
        {t('session.you', { name, role: t(`roles.${role}`) })}
      </p>
    </header>
  );
}
