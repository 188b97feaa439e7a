import { useTranslation } from 'react-i18next';
import { formatShortCode } from '@roundtable/domain';
import { joinUrl, useQrCode } from './useQrCode';

interface Props {
  /** Who joins with this code (a session role, not an ARIA role). */
  invitedRole: 'participant' | 'observer';
  code: string;
}

/** Pixel width of the QR image: scannable from the back of a room when projected. */
const QR_WIDTH = 240;

/** One short code to share: as typed text, as a join link and as a QR code of that link. */
export function InviteCode({ invitedRole: role, code }: Props) {
  const { t } = useTranslation();
  const url = joinUrl(code);
  const qr = useQrCode(url, QR_WIDTH);

  return (
    <section className="invite" aria-labelledby={`invite-${role}-heading`}>
      <h3 id={`invite-${role}-heading`}>{t(`invite.${role}.heading`)}</h3>
      <p className="hint">{t(`invite.${role}.explain`)}</p>
      <p>
        {t('invite.code')}{' '}
        <strong className="code code--large" data-testid={`${role}-code`}>
          {formatShortCode(code)}
        </strong>
      </p>
      <p>
        {t('invite.link')} <a href={url}>{url}</a>
      </p>
      {qr && (
        <img
          className="invite__qr"
          src={qr}
          width={QR_WIDTH}
          height={QR_WIDTH}
          alt={t(`invite.${role}.qrAlt`, { url })}
          data-testid={`qr-${role}`}
        />
      )}
    </section>
  );
}
