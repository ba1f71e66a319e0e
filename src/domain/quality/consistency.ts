/**
 * The consistency report's rules: "how far do the records in different systems agree?". A file row is
 * paired with at most one Custos person: the same Custos id first, then the same e-mail address (when
 * it is unique on both sides), then the duplicate engine's scored decision, best score first. Matched
 * pairs are compared field by field on the engine's normal forms, so "Müller"/"Mueller",
 * "Hauptstr. 5"/"Hauptstraße 5" or "030 1234567"/"+49301234567" agree. Pure.
 */
import { findDuplicates } from '../matching/engine.ts';
import {
  normaliseBirthDate,
  normaliseEmail,
  normaliseName,
  normalisePhone,
  normalisePostalCode,
  normaliseText,
  parseAddress,
} from '../matching/normalise.ts';
import { DEFAULT_MATCH_THRESHOLD } from '../matching/score.ts';
import type { MatchRecord } from '../matching/types.ts';
import { type DataCategory, PERSON_FIELD_CATEGORIES } from '../privacy/data-categories.ts';

/** The fields compared, each with the data category that decides whether a role may see it. */
export const CONSISTENCY_FIELDS = {
  firstName: PERSON_FIELD_CATEGORIES.firstName,
  lastName: PERSON_FIELD_CATEGORIES.lastName,
  birthDate: PERSON_FIELD_CATEGORIES.birthDate,
  jobTitle: PERSON_FIELD_CATEGORIES.jobTitle,
  email: PERSON_FIELD_CATEGORIES.email,
  phone: PERSON_FIELD_CATEGORIES.phone,
  street: PERSON_FIELD_CATEGORIES.address,
  postalCode: PERSON_FIELD_CATEGORIES.address,
  city: PERSON_FIELD_CATEGORIES.address,
  country: PERSON_FIELD_CATEGORIES.address,
} as const satisfies Record<string, DataCategory>;
export type ConsistencyField = keyof typeof CONSISTENCY_FIELDS;
export const CONSISTENCY_FIELD_NAMES = Object.keys(CONSISTENCY_FIELDS) as ConsistencyField[];

/** One record of either side; `street` holds street and house number together. */
export type ComparableRecord = Partial<Record<ConsistencyField, string | null>>;

const streetKey = (v: string) => {
  const a = parseAddress({ street: v });
  return `${a.street}|${a.houseNumber}`;
};
const NORMAL_FORMS: Record<ConsistencyField, (v: string) => string> = {
  firstName: normaliseName,
  lastName: normaliseName,
  birthDate: (v) => normaliseBirthDate(v) || normaliseText(v),
  jobTitle: normaliseText,
  email: normaliseEmail,
  phone: (v) => normalisePhone(v.replace(/\(\s*0\s*\)/g, ' ')),
  street: streetKey,
  postalCode: normalisePostalCode,
  city: normaliseText,
  country: (v) => v.trim().toUpperCase(),
};

export type FieldOutcome = 'agree' | 'disagree' | 'missing_in_file' | 'missing_in_custos' | 'both_missing';

/** How one field of a matched pair compares. */
export const compareField = (input: {
  field: ConsistencyField;
  custos: string | null | undefined;
  file: string | null | undefined;
}): FieldOutcome => {
  const normal = NORMAL_FORMS[input.field];
  const a = input.custos?.trim() ? normal(input.custos) : '';
  const b = input.file?.trim() ? normal(input.file) : '';
  if (!a && !b) return 'both_missing';
  if (!b) return 'missing_in_file';
  if (!a) return 'missing_in_custos';
  return a === b ? 'agree' : 'disagree';
};

export type MatchHow = 'id' | 'email' | 'score';
export type ConsistencyPair = { fileIndex: number; personId: string; how: MatchHow; score: number | null };

const toMatchRecord = (id: string, r: ComparableRecord): MatchRecord => ({
  id,
  firstName: r.firstName ?? undefined,
  lastName: r.lastName ?? undefined,
  street: r.street ?? undefined,
  postalCode: r.postalCode ?? undefined,
  city: r.city ?? undefined,
  birthDate: r.birthDate ?? undefined,
  email: r.email ?? undefined,
  phone: r.phone ?? undefined,
});

/** Values that occur exactly once, by normal form → index. */
const uniqueBy = <T>(items: readonly T[], key: (t: T) => string) => {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    if (k) seen.set(k, seen.has(k) ? -1 : i);
  });
  return new Map([...seen].filter(([, i]) => i >= 0));
};

/**
 * Pairs file rows with Custos persons one to one. `fileIds[i]` is the Custos id the file row names
 * (when the file has such a column).
 */
export const pairRecords = (input: {
  custos: readonly (ComparableRecord & { id: string })[];
  file: readonly ComparableRecord[];
  fileIds?: readonly (string | null)[];
  threshold?: number;
}): ConsistencyPair[] => {
  const pairs: ConsistencyPair[] = [];
  const usedPerson = new Set<string>();
  const usedRow = new Set<number>();
  const take = (pair: ConsistencyPair) => {
    pairs.push(pair);
    usedPerson.add(pair.personId);
    usedRow.add(pair.fileIndex);
  };
  const byId = new Set(input.custos.map((c) => c.id));
  input.fileIds?.forEach((id, i) => {
    const key = id?.trim().toLowerCase();
    if (key && byId.has(key) && !usedPerson.has(key))
      take({ fileIndex: i, personId: key, how: 'id', score: null });
  });
  const email = (r: ComparableRecord) => normaliseEmail(r.email);
  const custosEmails = uniqueBy(input.custos, email);
  const fileEmails = uniqueBy(input.file, email);
  for (const [key, i] of fileEmails) {
    const c = custosEmails.get(key);
    if (c === undefined || usedRow.has(i)) continue;
    const personId = input.custos[c]!.id;
    if (!usedPerson.has(personId)) take({ fileIndex: i, personId, how: 'email', score: null });
  }
  const records: MatchRecord[] = [];
  for (const c of input.custos) if (!usedPerson.has(c.id)) records.push(toMatchRecord(`c:${c.id}`, c));
  input.file.forEach((r, i) => {
    if (!usedRow.has(i)) records.push(toMatchRecord(`f:${i}`, r));
  });
  const { pairs: found } = findDuplicates({ records, threshold: input.threshold ?? DEFAULT_MATCH_THRESHOLD });
  const cross = found
    .filter((p) => p.a.startsWith('c:') && p.b.startsWith('f:'))
    .sort((x, y) => y.score - x.score || x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
  for (const p of cross) {
    const personId = p.a.slice(2);
    const fileIndex = Number(p.b.slice(2));
    if (!usedPerson.has(personId) && !usedRow.has(fileIndex))
      take({ fileIndex, personId, how: 'score', score: p.score });
  }
  return pairs.sort((x, y) => x.fileIndex - y.fileIndex);
};

export type FieldAgreement = {
  field: ConsistencyField;
  compared: number;
  agree: number;
  disagree: number;
  missingInFile: number;
  missingInCustos: number;
  /** agree / (agree + disagree) in percent with one decimal; null when nothing could be compared */
  agreementRate: number | null;
};

/** Counts the outcomes of one field over all matched pairs. */
export const agreementOf = (field: ConsistencyField, outcomes: readonly FieldOutcome[]): FieldAgreement => {
  const count = (o: FieldOutcome) => outcomes.filter((x) => x === o).length;
  const agree = count('agree');
  const disagree = count('disagree');
  return {
    field,
    compared: agree + disagree,
    agree,
    disagree,
    missingInFile: count('missing_in_file'),
    missingInCustos: count('missing_in_custos'),
    agreementRate: agree + disagree === 0 ? null : Math.round((agree / (agree + disagree)) * 1000) / 10,
  };
};
