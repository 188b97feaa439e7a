import { useTranslation } from 'react-i18next';
import { formatPersonalCode } from '@roundtable/domain';
import type { InvitationDto } from '@roundtable/protocol/client';
import { joinUrl, useQrCode } from '../session/useQrCode';

/** Pixel width of a card's QR image: scanned from a printed card held in hand. */
const CARD_QR_WIDTH = 160;

/** One printable card: the person's name, role, personal code, join link and its QR code. */
export function InvitationCard({ invitation }: { invitation: InvitationDto }) {
  const { t } = useTranslation();
  const url = joinUrl(invitation.code);
  const qr = useQrCode(url, CARD_QR_WIDTH);
  return (
    <li className="invitation-card" data-testid="invitation-card">
      <p className="invitation-card__name">{invitation.name}</p>
      <p className="hint">{t(`roles.${invitation.role}`)}</p>
      <p>
        {t('people.invite.cardCode')}{' '}
        <strong className="code" data-testid="invitation-code">
          {formatPersonalCode(invitation.code)}
        </strong>
      </p>
      <p className="invitation-card__link">
        {t('people.invite.cardLink')} <a href={url}>{url}</a>
      </p>
      {qr && (
        <img
          className="invitation-card__qr"
          src={qr}
          width={CARD_QR_WIDTH}
          height={CARD_QR_WIDTH}
          alt={t('people.invite.cardQrAlt', { name: invitation.name })}
        />
      )}
    </li>
  );
}
