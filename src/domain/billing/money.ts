/**
 * Money without floating point. Amounts travel as decimal strings with a dot ("1234.5", "1234.50")
 * and are computed in integer cents (bigint), so sums, line totals and VAT are exact. Rounding is
 * commercial (half away from zero), as German invoices round.
 */
import { AppError } from '../errors.ts';

export type Cents = bigint;

/** An API amount: up to 12 integer digits and at most two decimals, dot as separator, no sign. */
export const AMOUNT_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;
/** A quantity: up to 9 integer digits and at most three decimals. */
export const QUANTITY_PATTERN = /^\d{1,9}(\.\d{1,3})?$/;
/** A VAT rate in percent, e.g. "19", "7", "0", "5.5". */
export const TAX_RATE_PATTERN = /^\d{1,2}(\.\d{1,2})?$|^100(\.0{1,2})?$/;

/** Parses an API amount into cents; anything else ("1.234,56", "12,5", "1e3", "-1") is invalid_amount. */
export const parseAmount = (value: string): Cents => {
  if (!AMOUNT_PATTERN.test(value)) throw new AppError('invalid_amount', { params: { value } });
  const [whole = '0', fraction = ''] = value.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
};

/** Cents as an API amount with exactly two decimals ("1234.50", "-3.20"). */
export const formatCents = (cents: Cents): string => {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
};

/** Normalises an amount string (as PostgreSQL's numeric returns it, or as input) to two decimals. */
export const normalizeAmount = (value: string): string => {
  const negative = value.startsWith('-');
  const cents = parseAmount(negative ? value.slice(1) : value);
  return formatCents(negative ? -cents : cents);
};

/** Integer division rounding half away from zero. */
const divRound = (numerator: bigint, denominator: bigint): bigint => {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (2n * d);
  return negative ? -q : q;
};

/** A decimal string as an integer scaled by 10^scale ("1.5", 3 → 1500n). */
const scaled = (value: string, scale: number): bigint => {
  const [whole = '0', fraction = ''] = value.split('.');
  return BigInt(whole) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0').slice(0, scale) || '0');
};

export type LineInput = { quantity: string; unitPrice: string; taxRate: string };

/** Net of one line: quantity × unit price, rounded to the cent. */
export const lineNet = ({ quantity, unitPrice }: Pick<LineInput, 'quantity' | 'unitPrice'>): Cents => {
  if (!QUANTITY_PATTERN.test(quantity) || Number(quantity) === 0)
    throw new AppError('validation_failed', {
      details: [{ path: 'quantity', message: `invalid quantity ${quantity}` }],
    });
  return divRound(scaled(quantity, 3) * parseAmount(unitPrice), 1000n);
};

export type DocumentTotals = {
  net: Cents;
  tax: Cents;
  gross: Cents;
  /** Net and VAT per rate, as an invoice lists them (§ 14 Abs. 4 Nr. 8 UStG). */
  byRate: { rate: string; net: Cents; tax: Cents }[];
  lines: Cents[];
};

/**
 * Totals of a quote, order or invoice: each line's net, then VAT per rate on the sum of that rate's
 * nets (not per line, so rounding differences cannot add up), then gross = net + VAT.
 */
export const documentTotals = (lines: readonly LineInput[]): DocumentTotals => {
  const nets = lines.map(lineNet);
  const perRate = new Map<string, Cents>();
  lines.forEach((line, i) => {
    if (!TAX_RATE_PATTERN.test(line.taxRate))
      throw new AppError('validation_failed', {
        details: [{ path: `lines.${i}.taxRate`, message: `invalid tax rate ${line.taxRate}` }],
      });
    const rate = formatCents(scaled(line.taxRate, 2));
    perRate.set(rate, (perRate.get(rate) ?? 0n) + (nets[i] ?? 0n));
  });
  const byRate = [...perRate.entries()]
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([rate, net]) => ({ rate, net, tax: divRound(net * scaled(rate, 2), 10_000n) }));
  const net = nets.reduce((a, b) => a + b, 0n);
  const tax = byRate.reduce((a, r) => a + r.tax, 0n);
  return { net, tax, gross: net + tax, byRate, lines: nets };
};

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** An ISO 4217 code that Node's ICU knows (EUR, CHF, USD, ...); else invalid_currency. */
export const assertCurrency = (currency: string): string => {
  if (!/^[A-Z]{3}$/.test(currency) || !CURRENCIES.has(currency))
    throw new AppError('invalid_currency', { params: { value: currency } });
  return currency;
};
