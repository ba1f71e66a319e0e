import type { FieldChoices, MergeField } from './survivorship.ts';

/**
 * The pure part of a merge: whether it may happen at all, and which fields the survivor takes from the
 * merged record. The merge service does the I/O (moving rows, re-sealing, the audit entry).
 */

/** What the merge service knows about each of the two persons before it changes anything. */
export type MergeParty = {
  id: string;
  version: number;
  expectedVersion: number;
  restricted: boolean;
  openRequests: number;
  activeHolds: number;
};

export type MergeRefusal =
  | 'merge_same_person'
  | 'version_conflict'
  | 'merge_person_restricted'
  | 'merge_open_request'
  | 'merge_legal_hold';

/**
 * The reason a merge must not happen, or null. A restricted person (Art. 18) may not be processed; an
 * open data subject request must be answered about the records as they are; a person on legal hold
 * must not disappear (the merged record is deleted). Stale versions mean the user decided on data
 * that has changed since.
 */
export const mergeRefusal = ({
  survivor,
  merged,
}: {
  survivor: MergeParty;
  merged: MergeParty;
}): MergeRefusal | null => {
  if (survivor.id === merged.id) return 'merge_same_person';
  if (survivor.version !== survivor.expectedVersion || merged.version !== merged.expectedVersion)
    return 'version_conflict';
  if (survivor.restricted || merged.restricted) return 'merge_person_restricted';
  if (survivor.openRequests > 0 || merged.openRequests > 0) return 'merge_open_request';
  if (merged.activeHolds > 0) return 'merge_legal_hold';
  return null;
};

/** The fields the survivor takes from the merged record. */
export const fieldsFromMerged = (choices: FieldChoices): MergeField[] =>
  (Object.keys(choices) as MergeField[]).filter((f) => choices[f] === 'merged').sort();

/** The person columns behind each merge field. */
export const MERGE_FIELD_COLUMNS: Record<MergeField, readonly string[]> = {
  kind: ['kind'],
  firstName: ['first_name'],
  lastName: ['last_name'],
  email: ['email'],
  phone: ['phone'],
  birthDate: ['birth_date'],
  jobTitle: ['job_title'],
  address: ['street', 'postal_code', 'city', 'country'],
  organization: ['organization_id'],
  notes: ['notes'],
  accessibilityNeeds: ['accessibility_needs', 'accessibility_legal_basis'],
};

/**
 * The survivor's new column values: for every field taken from the merged record, its columns.
 * `merged` holds the merged person's columns in plain text (sealed columns already opened).
 */
export const survivorPatch = ({
  choices,
  merged,
}: {
  choices: FieldChoices;
  merged: Record<string, unknown>;
}): Record<string, unknown> => {
  const patch: Record<string, unknown> = {};
  for (const field of fieldsFromMerged(choices))
    for (const column of MERGE_FIELD_COLUMNS[field]) patch[column] = merged[column] ?? null;
  return patch;
};
