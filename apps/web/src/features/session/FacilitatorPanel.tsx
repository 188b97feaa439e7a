import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionSnapshot } from '@roundtable/protocol/client';
import { DoorControls } from '../people/DoorControls';
import { InviteCode } from './InviteCode';

interface Props {
  sessionId: string;
  token: string;
  /** From the snapshot; undefined while loading. */
  openJoin: boolean | undefined;
  /** From the snapshot (facilitators only); undefined while loading. */
  codes: SessionSnapshot['codes'];
  /** Only on the device where the facilitator joined with it. */
  facilitatorCode: string | undefined;
}

/**
 * Facilitators only: the codes to invite people, the projector view, and their own secret
 * code on demand.
 */
export function FacilitatorPanel({ sessionId, token, openJoin, codes: snapshotCodes, facilitatorCode }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [showSecret, setShowSecret] = useState(false);
  // Rotated here: shown at once, without waiting for a new snapshot.
  const [rotated, setRotated] = useState<SessionSnapshot['codes']>(undefined);
  const codes = rotated ?? snapshotCodes;

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('invite.heading')}</h2>
      {codes ? (
        <div className="invite-grid">
          <InviteCode invitedRole="participant" code={codes.participant} />
          <InviteCode invitedRole="observer" code={codes.observer} />
        </div>
      ) : (
        <p aria-busy="true">{t('common.loading')}</p>
      )}
      <DoorControls sessionId={sessionId} token={token} openJoin={openJoin} onRotated={setRotated} />

      <section className="projector-link" aria-labelledby={`${id}-projector-heading`}>
        <h3 id={`${id}-projector-heading`}>{t('projector.link.heading')}</h3>
        <p className="hint">{t('projector.link.explain')}</p>
        <p>
          {/* A new tab, said in the link text: it uses this browser's stored credentials for the session. */}
          <a
            className="button"
            href={`/s/${encodeURIComponent(sessionId)}/screen`}
            target="_blank"
            rel="noopener"
            data-testid="open-projector"
          >
            {t('projector.link.open')}
          </a>
        </p>
      </section>

      <section className="secret" aria-labelledby={`${id}-secret-heading`}>
        <h3 id={`${id}-secret-heading`}>{t('invite.facilitator.heading')}</h3>
        <p className="hint">{t('invite.facilitator.explain')}</p>
        {facilitatorCode ? (
          <>
            <button
              type="button"
              className="button"
              aria-expanded={showSecret}
              aria-controls={`${id}-secret`}
              onClick={() => setShowSecret((shown) => !shown)}
            >
              {showSecret ? t('invite.facilitator.hide') : t('invite.facilitator.show')}
            </button>
            <p id={`${id}-secret`} hidden={!showSecret}>
              {showSecret && (
                <code className="code secret__code" data-testid="facilitator-code">
                  {facilitatorCode}
                </code>
              )}
            </p>
          </>
        ) : (
          <p>{t('invite.facilitator.unavailable')}</p>
        )}
      </section>
    </section>
  );
}
