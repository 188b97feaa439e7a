import { useTranslation } from 'react-i18next';
import { ROLES, type PresenceParticipant } from '@roundtable/protocol/client';

interface Props {
  /** null until the first list arrives. */
  participants: PresenceParticipant[] | null;
  meId: string;
}

/** Who is connected now, facilitators first, each with their role written out. */
export function PresenceList({ participants, meId }: Props) {
  const { t, i18n } = useTranslation();
  // One entry per person even if the server lists someone twice (two tabs, two instances).
  const people = [...new Map((participants ?? []).map((p) => [p.id, p])).values()].sort(
    (a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.name.localeCompare(b.name, i18n.language),
  );
  return (
    <aside className="card presence" aria-labelledby="presence-heading">
      <h2 id="presence-heading">{t('presence.heading')}</h2>
      {participants === null ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : (
        <p className="presence__count">{t('presence.count', { count: people.length })}</p>
      )}
      <ul className="presence__list" data-testid="presence-list">
        {people.map((p) => (
          <li key={p.id} data-role={p.role}>
            <span className="presence__name">{p.name}</span>
            {p.id === meId && ` ${t('presence.you')}`}
            {' · '}
            <span className="presence__role">{t(`roles.${p.role}`)}</span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
