import { useTranslation } from 'react-i18next';

/**
 * Amounts travel as decimal strings ("1234.50"). The UI formats them for reading only; it never
 * computes binding sums (the server does, in integer cents).
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

/** A typed amount as the API wants it: a lone decimal comma ("12,50") becomes a dot; anything else is sent as typed. */
export const toApiAmount = (typed: string) => {
  const v = typed.trim().replace(/\s/g, '');
  return /^\d+,\d{1,2}$/.test(v) ? v.replace(',', '.') : v;
};

/** The stage name in the UI language. */
export const useStageName = () => {
  const { i18n } = useTranslation();
  return (stage: { nameDe: string; nameEn: string }) =>
    i18n.language.startsWith('en') ? stage.nameEn : stage.nameDe;
};

/** A VAT rate ("19.00") as the UI language writes it ("19", "5,5"). */
export const useRate = () => {
  const { i18n } = useTranslation();
  const locale = i18n.language.startsWith('en') ? 'en-GB' : 'de-DE';
  return (rate: string) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(Number(rate));
};
