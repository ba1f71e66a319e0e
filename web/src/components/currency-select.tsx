import type { ControlProps } from './ui/field';
import { Select } from './ui/input';

/** The currencies a deal, quote, order or invoice can be written in (ISO 4217). */
export const CURRENCIES = ['EUR', 'CHF', 'USD', 'GBP', 'PLN', 'CZK', 'DKK', 'SEK'] as const;

/** Chooses the currency of a new commercial document. */
export function CurrencySelect({
  value,
  onChange,
  ...control
}: ControlProps & { value: string; onChange: (currency: string) => void }) {
  return (
    <Select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
      {CURRENCIES.map((code) => (
        <option key={code} value={code}>
          {code}
        </option>
      ))}
    </Select>
  );
}
