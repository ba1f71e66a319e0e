/**
 * Minimisation (Art. 5(1)(c) GDPR) for an import batch: only the columns that a declared purpose of
 * the batch needs are kept; the others are dropped before any value is stored and listed in the
 * report. What a purpose needs comes from the deletion concept's data types (each names its purpose
 * and data categories, `purposeNeedsFromDataTypes`), or from a purpose's explicit field list.
 * The name fields are always kept: without them there is no person record.
 */
import type { DataCategory } from '../privacy/data-categories.ts';
import { type ColumnMapping, IMPORT_TARGETS, type ImportTarget } from './mapping.ts';

/** What one purpose needs: whole data categories, and/or single fields (narrower, e.g. newsletter → email). */
export type PurposeNeeds = { categories?: readonly DataCategory[]; fields?: readonly ImportTarget[] };

const ALWAYS_KEPT: readonly ImportTarget[] = ['firstName', 'lastName', 'fullName'];

/** Purpose → the categories its data types hold (the deletion concept's `data_types` rows). */
export const purposeNeedsFromDataTypes = (input: {
  dataTypes: readonly { purposeId: string; dataCategories: readonly string[] }[];
}): Record<string, PurposeNeeds> => {
  const out: Record<string, Set<DataCategory>> = {};
  for (const d of input.dataTypes) {
    const set = out[d.purposeId] ?? new Set<DataCategory>();
    for (const c of d.dataCategories) set.add(c as DataCategory);
    out[d.purposeId] = set;
  }
  return Object.fromEntries(Object.entries(out).map(([p, s]) => [p, { categories: [...s] }]));
};

const needed = (target: ImportTarget, needs: PurposeNeeds) =>
  needs.fields?.includes(target) === true || needs.categories?.includes(IMPORT_TARGETS[target]) === true;

export type MinimisedMapping = {
  /** the mapping with only the needed columns */
  mapping: ColumnMapping;
  /** columns dropped because no declared purpose needs their field */
  dropped: { column: string; target: ImportTarget }[];
  /** columns not mapped at all (also not imported) */
  unmapped: string[];
};

export const minimiseMapping = (input: {
  columns: readonly string[];
  mapping: ColumnMapping;
  purposes: readonly string[];
  needs: Readonly<Record<string, PurposeNeeds>>;
}): MinimisedMapping => {
  const mapping: ColumnMapping = {};
  const dropped: MinimisedMapping['dropped'] = [];
  const unmapped: string[] = [];
  for (const column of input.columns) {
    const target = input.mapping[column];
    if (target === undefined) {
      unmapped.push(column);
      continue;
    }
    const keep =
      ALWAYS_KEPT.includes(target) ||
      input.purposes.some((p) => {
        const needs = input.needs[p];
        return needs !== undefined && needed(target, needs);
      });
    if (keep) mapping[column] = target;
    else dropped.push({ column, target });
  }
  return { mapping, dropped, unmapped };
};
