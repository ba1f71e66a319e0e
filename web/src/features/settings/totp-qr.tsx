import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The otpauth:// URL as a QR code for authenticator apps (rendered locally, never sent anywhere). */
export function TotpQrCode({ url }: { url: string }) {
  const { t } = useTranslation();
  const [dataUrl, setDataUrl] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    QRCode.toDataURL(url, { margin: 1, width: 192 })
      .then((result) => {
        if (!cancelled) setDataUrl(result);
      })
      .catch(() => setDataUrl(null));
    return () => {
      cancelled = true;
    };
  }, [url]);
  if (!dataUrl) return null;
  return <img src={dataUrl} alt={t('account.qrAlt')} width={192} height={192} className="rounded border" />;
}
