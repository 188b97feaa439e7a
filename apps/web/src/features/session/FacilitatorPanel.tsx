import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionSnapshot } from '@roundtable/protocol';
import { InviteCode } from './InviteCode';

interface Props {
  /** From the snapshot (facilitators only); undefined while loading. */
  codes: SessionSnapshot['codes'];
  /** Only on the device where the facilitator joined with it. */
  facilitatorCode: string | undefined;
}

/** Facilitators only: the codes to invite people, and their own secret code on demand. */
export function FacilitatorPanel({ codes, facilitatorCode }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [showSecret, setShowSecret] = useState(false);

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('invite.heading')}</h2>
      {codes ? (
        <div className="invite-grid">
          <InviteCode role="participant" code={codes.participant} />
          <InviteCode role="observer" code={codes.observer} />
        </div>
      ) : (
        <p aria-busy="true">{t('common.loading')}</p>
      )}

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
