import { useEffect, useState } from 'react';

/**
 * A QR code of `url` as a data URL, or null while it is drawn or if drawing failed (the code
 * and link shown beside it still work without the image).
 */
export function useQrCode(url: string, width: number): string | null {
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    // Only facilitators and the projector show codes: the encoder stays out of everyone else's download.
    import('qrcode')
      .then(({ default: QRCode }) => QRCode.toDataURL(url, { width, margin: 2, errorCorrectionLevel: 'M' }))
      .then(
        (dataUrl) => !cancelled && setQr(dataUrl),
        () => !cancelled && setQr(null),
      );
    return () => {
      cancelled = true;
    };
  }, [url, width]);
  return qr;
}

/** The join link of a short code (the target of every QR code we show). */
export function joinUrl(code: string): string {
  return `${location.origin}/j/${encodeURIComponent(code)}`;
}

/** The public summary's address (a server page, read without a token; no names in it). */
export function publicSummaryUrl(sessionId: string, key: string): string {
  return `${location.origin}/api/public/sessions/${encodeURIComponent(sessionId)}/summary?key=${encodeURIComponent(key)}`;
}
