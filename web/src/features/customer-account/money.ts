import { useFormat } from '../../lib/format';

/**
 * Amounts arrive as decimal strings ("1234.50"); they are only displayed here, never computed with
 * (totals come from the server).
 */
export const useMoney = () => {
  const { locale } = useFormat();
  return (amount: string, currency: string) => {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(amount));
    } catch {
      // an unknown currency code: the amount with its code
      return `${amount} ${currency}`;
    }
  };
};
