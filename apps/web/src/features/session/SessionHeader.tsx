import { useTranslation } from 'react-i18next';
import type { Role, SessionSnapshot } from '@roundtable/protocol';

interface Props {
  snapshot: SessionSnapshot | null;
  name: string;
  role: Role;
}

/** Title, kind and level of the session, and who the user is in it (role as text). */
export function SessionHeader({ snapshot, name, role }: Props) {
  const { t } = useTranslation();
  const session = snapshot?.session;
  return (
    <header className="session-header">
      {session ? (
        <h1 data-testid="session-title">{session.title}</h1>
      ) : (
        <h1 aria-busy="true">{t('session.loading')}</h1>
      )}
      {session && (
        <p className="session-header__meta">
          {t(`kinds.${session.kind}`)}
          {session.level && ` · ${t(`levels.${session.level}`)}`}
          {session.themes.length > 0 && ` · ${session.themes.map((theme) => t(`themes.${theme}`)).join(', ')}`}
        </p>
      )}
      <p className="session-header__me" data-testid="my-role" data-role={role}>
        {t('session.you', { name, role: t(`roles.${role}`) })}
      </p>
    </header>
  );
}
