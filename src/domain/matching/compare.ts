import { jaroWinkler } from './phonetic.ts';

/**
 * Field comparisons. Each returns a level; `score.ts` turns levels into weights. Levels, not raw
 * similarities, keep the decision explainable ("birth date: day and month swapped").
 */

export type NameLevel = 'missing' | 'exact' | 'phonetic' | 'close' | 'similar' | 'initial' | 'different';

/** Names: exact, same Kölner Phonetik code (Meier/Meyer), Jaro-Winkler ≥ 0.92 / ≥ 0.85, initial only, different. */
export const compareName = ({
  a,
  b,
  codeA,
  codeB,
}: {
  a: string;
  b: string;
  codeA: string;
  codeB: string;
}): NameLevel => {
  if (!a || !b) return 'missing';
  if (a === b) return 'exact';
  const jw = jaroWinkler(a, b);
  if (codeA && codeA === codeB && jw >= 0.75) return 'phonetic';
  if (jw >= 0.92) return 'close';
  if (jw >= 0.85) return 'similar';
  if ((a.length === 1 || b.length === 1) && a[0] === b[0]) return 'initial';
  // "Hans-Peter" vs "Hans": one name a prefix of the other
  if (a.length >= 3 && b.length >= 3 && (a.startsWith(b) || b.startsWith(a))) return 'similar';
  return 'different';
};

/** One substitution or one swap of neighbouring characters (equal length). */
export const isSingleTypo = (a: string, b: string): boolean => {
  if (a.length !== b.length) return false;
  let first = -1;
  let diffs = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      if (diffs === 0) first = i;
      diffs += 1;
      if (diffs > 2) return false;
    }
  }
  if (diffs <= 1) return true;
  return b[first] === a[first + 1] && b[first + 1] === a[first];
};

export type DateLevel = 'missing' | 'exact' | 'swapped' | 'typo' | 'different';

/** Birth dates (YYYYMMDD): exact, day and month swapped, one digit wrong or two neighbours swapped, different. */
export const compareDate = ({ a, b }: { a: string; b: string }): DateLevel => {
  if (!a || !b) return 'missing';
  if (a === b) return 'exact';
  if (
    a.length === 8 &&
    b.length === 8 &&
    a.slice(0, 4) === b.slice(0, 4) &&
    a.slice(4, 6) === b.slice(6, 8) &&
    a.slice(6, 8) === b.slice(4, 6)
  )
    return 'swapped';
  return isSingleTypo(a, b) ? 'typo' : 'different';
};

export type CodeLevel = 'missing' | 'exact' | 'typo' | 'different';

/** Identifiers, postal codes, house numbers: exact, one typo, different. */
export const compareCode = ({ a, b }: { a: string; b: string }): CodeLevel => {
  if (!a || !b) return 'missing';
  if (a === b) return 'exact';
  return isSingleTypo(a, b) ? 'typo' : 'different';
};

export type TextLevel = 'missing' | 'exact' | 'close' | 'similar' | 'different';

/** Street, city, address extra: exact, Jaro-Winkler ≥ 0.92 / ≥ 0.8, different. */
export const compareText = ({ a, b }: { a: string; b: string }): TextLevel => {
  if (!a || !b) return 'missing';
  if (a === b) return 'exact';
  const jw = jaroWinkler(a, b);
  return jw >= 0.92 ? 'close' : jw >= 0.8 ? 'similar' : 'different';
};
