/**
 * The column mapping of a consistency report: the import's person fields that can be compared, plus
 * `id` for a column holding the Custos person id (a re-imported Custos export, an ERP that stored it).
 * Pure.
 */
import { AppError } from '../../domain/errors.ts';
import { mapRow } from '../../domain/import/apply-mapping.ts';
import { type ColumnMapping, suggestMapping } from '../../domain/import/mapping.ts';
import type { ImportRow } from '../../domain/import/types.ts';
import type { ComparableRecord, ConsistencyField } from '../../domain/quality/consistency.ts';

export const CONSISTENCY_TARGETS = [
  'id',
  'firstName',
  'lastName',
  'fullName',
  'birthDate',
  'jobTitle',
  'email',
  'phone',
  'address.street',
  'address.houseNumber',
  'address.postalCode',
  'address.city',
  'address.country',
] as const;
export type ConsistencyTarget = (typeof CONSISTENCY_TARGETS)[number];
export type ConsistencyMapping = Record<string, ConsistencyTarget>;

const isTarget = (v: string): v is ConsistencyTarget =>
  (CONSISTENCY_TARGETS as readonly string[]).includes(v);
const ID_HEADERS = new Set([
  'id',
  'custos id',
  'custosid',
  'custos-id',
  'custos_id',
  'person id',
  'person_id',
  'personen-id',
]);

/** The import's suggestion, restricted to comparable fields, plus a Custos id column by its header. */
export const suggestConsistencyMapping = (input: { columns: readonly string[] }): ConsistencyMapping => {
  const out: ConsistencyMapping = {};
  for (const [column, target] of Object.entries(suggestMapping(input).mapping))
    if (isTarget(target)) out[column] = target;
  const idColumn = input.columns.find((c) => ID_HEADERS.has(c.trim().toLowerCase()) && !(c in out));
  if (idColumn) out[idColumn] = 'id';
  return out;
};

export type ConsistencyMappingIssue =
  | { code: 'unknown_column'; column: string }
  | { code: 'unknown_target'; column: string; target: string }
  | { code: 'target_twice'; target: string; columns: string[] }
  | { code: 'nothing_to_match_on' };

/** The mapping as typed, or `consistency_mapping_invalid` with the issues as details. */
export const validateConsistencyMapping = (input: {
  columns: readonly string[];
  mapping: Record<string, string>;
}): ConsistencyMapping => {
  const issues: ConsistencyMappingIssue[] = [];
  const byTarget = new Map<string, string[]>();
  for (const [column, target] of Object.entries(input.mapping)) {
    if (!input.columns.includes(column)) issues.push({ code: 'unknown_column', column });
    else if (!isTarget(target)) issues.push({ code: 'unknown_target', column, target });
    else byTarget.set(target, [...(byTarget.get(target) ?? []), column]);
  }
  for (const [target, columns] of byTarget)
    if (columns.length > 1) issues.push({ code: 'target_twice', target, columns });
  const has = (t: ConsistencyTarget) => byTarget.has(t);
  if (!has('id') && !has('email') && !has('fullName') && !(has('firstName') && has('lastName')))
    issues.push({ code: 'nothing_to_match_on' });
  if (issues.length > 0) throw new AppError('consistency_mapping_invalid', { details: { issues } });
  return input.mapping as ConsistencyMapping;
};

/** The Custos fields a mapping fills (what can be compared). */
export const mappedFields = (mapping: ConsistencyMapping): ConsistencyField[] => {
  const targets = new Set(Object.values(mapping));
  const fields = new Set<ConsistencyField>();
  for (const t of targets) {
    if (t === 'id') continue;
    if (t === 'fullName') fields.add('firstName').add('lastName');
    else if (t === 'address.street' || t === 'address.houseNumber') fields.add('street');
    else fields.add(t.replace('address.', '') as ConsistencyField);
  }
  return [...fields];
};

/** One file row as a comparable record, with the Custos id it names (if any). */
export const fileRecord = (input: {
  row: ImportRow;
  mapping: ConsistencyMapping;
}): { id: string | null; record: ComparableRecord } => {
  const idColumn = Object.entries(input.mapping).find(([, t]) => t === 'id')?.[0];
  const personMapping = Object.fromEntries(
    Object.entries(input.mapping).filter(([, t]) => t !== 'id'),
  ) as ColumnMapping;
  const draft = mapRow({ row: input.row, mapping: personMapping });
  return {
    id: idColumn ? input.row.values[idColumn]?.trim() || null : null,
    record: {
      firstName: draft.firstName,
      lastName: draft.lastName,
      birthDate: draft.birthDate,
      jobTitle: draft.jobTitle,
      email: draft.email,
      phone: draft.phone,
      street: draft.address?.street,
      postalCode: draft.address?.postalCode,
      city: draft.address?.city,
      country: draft.address?.country,
    },
  };
};
