import { createRequire } from 'node:module';

/**
 * Phonetic keys and string similarity from talisman (MIT). talisman ships CommonJS with a default
 * export; `createRequire` loads it the same way under tsx, vitest and plain Node.
 */
const require = createRequire(import.meta.url);
const fn = <T>(m: T | { default: T }): T =>
  typeof m === 'function' ? (m as T) : (m as { default: T }).default;

const cologneImpl = fn<(name: string) => string>(require('talisman/phonetics/german/cologne'));
const jaroWinklerImpl = fn<(a: string, b: string) => number>(require('talisman/metrics/jaro-winkler'));

/** Kölner Phonetik of a name: Meier, Meyer, Maier and Mayer all give "67"; '' for no letters. */
export const cologne = (name: string): string => (name ? cologneImpl(name) : '');

/** Jaro-Winkler similarity in [0, 1]; 0 when either side is empty. */
export const jaroWinkler = (a: string, b: string): number => {
  if (!a || !b) return 0;
  if (a === b) return 1;
  return jaroWinklerImpl(a, b);
};
