import { useTranslation } from 'react-i18next';

/**
 * Amounts travel as decimal strings ("1234.50"). The UI formats them for reading only; every binding
 * sum (line nets, VAT, totals) is computed by the server in integer cents.
 */
export const useMoney = () => {
  const { i18n } = useTranslation();
  const locale = i18n.language.startsWith('en') ? 'en-GB' : 'de-DE';
  return (value: string, currency: string) => {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(value));
    } catch {
      return `${value} ${currency}`;
    }
  };
};

/** A typed amount: a lone decimal comma ("12,50") becomes a dot; anything else is sent as typed. */
export const toApiAmount = (typed: string) => {
  const v = typed.trim().replace(/\s/g, '');
  return /^\d+,\d{1,3}$/.test(v) ? v.replace(',', '.') : v;
};
