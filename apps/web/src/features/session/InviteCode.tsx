import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import { formatShortCode } from '@roundtable/domain';

interface Props {
  role: 'participant' | 'observer';
  code: string;
}

/** Pixel width of the QR image: scannable from the back of a room when projected. */
const QR_WIDTH = 240;

/** One short code to share: as typed text, as a join link and as a QR code of that link. */
export function InviteCode({ role, code }: Props) {
  const { t } = useTranslation();
  const url = `${location.origin}/j/${encodeURIComponent(code)}`;
  const [qr, setQr] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    QRCode.toDataURL(url, { width: QR_WIDTH, margin: 2, errorCorrectionLevel: 'M' }).then(
      (dataUrl) => !cancelled && setQr(dataUrl),
      () => !cancelled && setQr(null), // the code and link below still work without the image
    );
    return () => {
      cancelled = true;
    };
  }, [url]);

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
