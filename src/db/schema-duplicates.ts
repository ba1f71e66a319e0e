import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of migration 0018 (duplicates and merge, ADR 0030); part of `DB` in schema.ts. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type MatchContribution = { field: string; level: string; weight: number };

export type PersonMatchKeysTable = {
  tenant_id: string;
  person_id: string;
  key_name: string;
  key_hash: string;
};

export type DuplicateSuggestionsTable = {
  id: Generated<string>;
  tenant_id: string;
  person_a: string;
  person_b: string;
  score: ColumnType<string, number | string, number | string>;
  explanation: Json<MatchContribution[]>;
  names_swapped: Generated<boolean>;
  status: Generated<string>;
  found_at: Generated<Date>;
  decided_by: string | null;
  decided_at: Timestamp | null;
};

export type PersonMergesTable = {
  id: Generated<string>;
  tenant_id: string;
  survivor_id: string;
  merged_person_id: string;
  field_choices: Json<Record<string, 'survivor' | 'merged'>>;
  provenance: Json<Record<string, unknown>>;
  snapshot_enc: string | null;
  merged_by: string | null;
  merged_at: Timestamp;
};

export type DuplicatesTables = {
  person_match_keys: PersonMatchKeysTable;
  duplicate_suggestions: DuplicateSuggestionsTable;
  person_merges: PersonMergesTable;
};
