/**
 * A preview of a document's totals while lines are typed, in integer cents like the server
 * (src/domain/billing/money.ts): line net = quantity × unit price rounded half away from zero, VAT
 * per rate on the sum of that rate's nets. Only a preview: the server computes the stored totals.
 */
export type DraftLine = {
  product: string;
  description: string;
  quantity: string;
  unitPrice: string;
  taxRate: string;
};

const scaled = (value: string, scale: number): bigint | null => {
  const v = value.trim().replace(',', '.');
  if (!/^\d{1,12}(\.\d+)?$/.test(v)) return null;
  const [whole = '0', fraction = ''] = v.split('.');
  if (fraction.length > scale) return null;
  return BigInt(whole) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0') || '0');
};

const divRound = (n: bigint, d: bigint) => (n * 2n + d) / (2n * d);

export const centsToString = (cents: bigint) =>
  `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;

export const previewTotals = (lines: readonly DraftLine[]) => {
  const nets = lines.map((l) => {
    const q = scaled(l.quantity, 3);
    const p = scaled(l.unitPrice, 2);
    return q === null || p === null ? null : divRound(q * p, 1000n);
  });
  const byRate = new Map<string, bigint>();
  lines.forEach((l, i) => {
    const rate = scaled(l.taxRate, 2);
    const net = nets[i];
    if (rate === null || net == null) return;
    const key = centsToString(rate);
    byRate.set(key, (byRate.get(key) ?? 0n) + net);
  });
  const rates = [...byRate.entries()]
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([rate, net]) => ({ rate, net, tax: divRound(net * (scaled(rate, 2) ?? 0n), 10_000n) }));
  const net = nets.reduce<bigint>((a, b) => a + (b ?? 0n), 0n);
  const tax = rates.reduce((a, r) => a + r.tax, 0n);
  return { nets, rates, net, tax, gross: net + tax, complete: nets.every((n) => n !== null) };
};
