import { compareCode, compareDate, compareName, compareText } from './compare.ts';
import type { PreparedRecord } from './types.ts';

/**
 * The decision: a Fellegi-Sunter-style match weight, the sum of one weight per field for the level of
 * agreement (roughly log2 of how much likelier that level is for a true pair than for a random one).
 * Agreement adds, disagreement subtracts, a missing value counts 0.
 */

/** The one threshold the product uses for duplicate suggestions and `custos match`. */
export const DEFAULT_MATCH_THRESHOLD = 7;

export const WEIGHTS = {
  lastName: { missing: 0, exact: 4.5, phonetic: 3.5, close: 3.5, similar: 2, initial: 0, different: -3 },
  firstName: { missing: 0, exact: 3.5, phonetic: 2.5, close: 2.5, similar: 1.5, initial: 1, different: -4.5 },
  birthDate: { missing: 0, exact: 5, swapped: 3, typo: 2.5, different: -4 },
  nationalId: { missing: 0, exact: 7, typo: 3, different: -4 },
  email: { missing: 0, exact: 5, typo: 2, different: -0.5 },
  phone: { missing: 0, exact: 3, typo: 1, different: -0.5 },
  postalCode: { missing: 0, exact: 2, typo: 0.5, different: -1 },
  street: { missing: 0, exact: 1.5, close: 1.5, similar: 0.5, different: -1 },
  houseNumber: { missing: 0, exact: 1, typo: 0, different: -0.5 },
  city: { missing: 0, exact: 1, close: 1, similar: 0, different: -0.5 },
  addressExtra: { missing: 0, exact: 1, close: 1, similar: 0, different: 0 },
} as const;

/**
 * Address and landline are not independent (one move changes them all, a household shares them):
 * together they count at most this much, so they never make a match without the person's own data.
 */
export const LOCATION_CAP = 6;
const LOCATION_FIELDS = new Set<string>([
  'phone',
  'postalCode',
  'street',
  'houseNumber',
  'city',
  'addressExtra',
]);

export type ScoredField = keyof typeof WEIGHTS | 'locationCap';
export type Contribution = { field: ScoredField; level: string; weight: number };
export type PairScore = { score: number; namesSwapped: boolean; contributions: Contribution[] };

const nameContributions = (a: PreparedRecord, b: PreparedRecord, swapped: boolean): Contribution[] => {
  const bFirst = swapped ? b.last : b.first;
  const bLast = swapped ? b.first : b.last;
  const bFirstCode = swapped ? b.lastCode : b.firstCode;
  const bLastCode = swapped ? b.firstCode : b.lastCode;
  const last = compareName({ a: a.last, b: bLast, codeA: a.lastCode, codeB: bLastCode });
  const first = compareName({ a: a.first, b: bFirst, codeA: a.firstCode, codeB: bFirstCode });
  return [
    { field: 'lastName', level: last, weight: WEIGHTS.lastName[last] },
    { field: 'firstName', level: first, weight: WEIGHTS.firstName[first] },
  ];
};

const sum = (cs: Contribution[]) => cs.reduce((s, c) => s + c.weight, 0);

/** Scores one pair, with every field's level and weight; first and last name may be swapped. */
export const scorePair = ({ a, b }: { a: PreparedRecord; b: PreparedRecord }): PairScore => {
  const straight = nameContributions(a, b, false);
  let names = straight;
  let namesSwapped = false;
  if (a.first !== b.first || a.last !== b.last) {
    const swapped = nameContributions(a, b, true);
    // a swap costs a little, so it is taken only when it explains clearly more
    if (sum(swapped) - 1 > sum(straight)) {
      names = swapped.map((c) => ({ ...c, weight: c.weight - 0.5 }));
      namesSwapped = true;
    }
  }
  const birth = compareDate({ a: a.birth, b: b.birth });
  const nid = compareCode({ a: a.nationalId, b: b.nationalId });
  const email = compareCode({ a: a.email, b: b.email });
  const phone = compareCode({ a: a.phone, b: b.phone });
  const postal = compareCode({ a: a.postalCode, b: b.postalCode });
  const street = compareText({ a: a.street, b: b.street });
  const number = compareCode({ a: a.houseNumber, b: b.houseNumber });
  const city = compareText({ a: a.city, b: b.city });
  const extra = compareText({ a: a.extra, b: b.extra });
  const contributions: Contribution[] = [
    ...names,
    { field: 'birthDate', level: birth, weight: WEIGHTS.birthDate[birth] },
    { field: 'nationalId', level: nid, weight: WEIGHTS.nationalId[nid] },
    { field: 'email', level: email, weight: WEIGHTS.email[email] },
    { field: 'phone', level: phone, weight: WEIGHTS.phone[phone] },
    { field: 'postalCode', level: postal, weight: WEIGHTS.postalCode[postal] },
    { field: 'street', level: street, weight: WEIGHTS.street[street] },
    { field: 'houseNumber', level: number, weight: WEIGHTS.houseNumber[number] },
    { field: 'city', level: city, weight: WEIGHTS.city[city] },
    { field: 'addressExtra', level: extra, weight: WEIGHTS.addressExtra[extra] },
  ];
  const location = sum(contributions.filter((c) => LOCATION_FIELDS.has(c.field)));
  if (location > LOCATION_CAP)
    contributions.push({ field: 'locationCap', level: 'capped', weight: LOCATION_CAP - location });
  return { score: Math.round(sum(contributions) * 100) / 100, namesSwapped, contributions };
};
