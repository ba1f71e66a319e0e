/**
 * Survivorship: which of two records' values a merge keeps per field, by default. The user sees these
 * defaults and may pick the other value per field; a merge never happens without that review.
 *
 * Rules, in order: a value beats an empty one; where both differ, a phone number in E.164 beats one
 * that is not; otherwise the value of the record changed or verified more recently wins; on a tie the
 * survivor keeps its own. Purposes, tags and departments are never chosen: they are united.
 */

/** The fields a user chooses per merge (address = street, postal code, city and country together). */
export const MERGE_FIELDS = [
  'kind',
  'firstName',
  'lastName',
  'email',
  'phone',
  'birthDate',
  'jobTitle',
  'address',
  'organization',
  'notes',
  'accessibilityNeeds',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeSide = 'survivor' | 'merged';
export type FieldChoices = Record<MergeField, MergeSide>;

/** One record as survivorship sees it: each field's comparable value ('' or null = empty). */
export type SurvivorshipRecord = {
  values: Partial<Record<MergeField, unknown>>;
  /** when the record was last changed */
  updatedAt: Date;
  /** when the record's data was last confirmed as correct, if ever */
  verifiedAt?: Date | null;
};

const isEmpty = (v: unknown) =>
  v == null ||
  (typeof v === 'string' && v.trim() === '') ||
  (typeof v === 'object' && Object.values(v as object).every((x) => x == null || x === ''));

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const E164 = /^\+[1-9]\d{6,14}$/;

const freshness = (r: SurvivorshipRecord) =>
  Math.max(r.updatedAt.getTime(), r.verifiedAt ? r.verifiedAt.getTime() : 0);

/** The default side for one field. */
export const defaultSide = ({
  field,
  survivor,
  merged,
}: {
  field: MergeField;
  survivor: SurvivorshipRecord;
  merged: SurvivorshipRecord;
}): MergeSide => {
  const a = survivor.values[field];
  const b = merged.values[field];
  if (isEmpty(b) || same(a, b)) return 'survivor';
  if (isEmpty(a)) return 'merged';
  if (field === 'phone') {
    const aE164 = E164.test(String(a));
    const bE164 = E164.test(String(b));
    if (aE164 !== bE164) return aE164 ? 'survivor' : 'merged';
  }
  return freshness(merged) > freshness(survivor) ? 'merged' : 'survivor';
};

/** The default choice for every field. */
export const defaultChoices = ({
  survivor,
  merged,
}: {
  survivor: SurvivorshipRecord;
  merged: SurvivorshipRecord;
}): FieldChoices =>
  Object.fromEntries(
    MERGE_FIELDS.map((field) => [field, defaultSide({ field, survivor, merged })]),
  ) as FieldChoices;

/** The defaults with the user's picks applied (fields the user did not name keep their default). */
export const resolveChoices = ({
  defaults,
  picked,
}: {
  defaults: FieldChoices;
  picked: Partial<Record<MergeField, MergeSide>>;
}): FieldChoices => ({ ...defaults, ...Object.fromEntries(Object.entries(picked).filter(([, v]) => v)) });

/** Purposes, tags and departments of both records, each once, in a stable order. */
export const unite = (a: readonly string[], b: readonly string[]): string[] =>
  [...new Set([...a, ...b])].sort();
