import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of migration 0017 (person imports, ADR 0029); part of `DB` in schema.ts. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Created = ColumnType<Date, Date | string | undefined, never>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
/** jsonb: read as the value, written as JSON text */
type Json<T> = ColumnType<T, string | undefined, string>;

export type PersonImportStatus = 'staged' | 'committed' | 'discarded' | 'expired';
export type ImportRowStatus =
  | 'valid'
  | 'invalid'
  | 'duplicate'
  | 'suppressed'
  | 'field_locked'
  | 'created'
  | 'skipped';

/** A reader finding as stored (no cell values). */
export type StoredFinding = {
  kind: string;
  severity: 'error' | 'warning';
  rowNumber: number | null;
  column?: string;
  message: string;
};

export type ImportCounts = {
  total: number;
  valid: number;
  invalid: number;
  duplicate: number;
  suppressed: number;
  fieldLocked: number;
  sensitive: number;
  created: number;
  skipped: number;
};

export type PersonImportsTable = {
  id: Generated<string>;
  tenant_id: string;
  status: Generated<PersonImportStatus>;
  file_name: string;
  file_size: ColumnType<string, number | string, number | string>;
  format: string;
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  columns: Json<string[]>;
  row_count: number;
  findings: Json<StoredFinding[]>;
  finding_counts: Json<Record<string, number>>;
  mapping: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  dropped_columns: Json<{ column: string; target: string }[]>;
  mapping_id: string | null;
  person_kind: string | null;
  legal_basis: string | null;
  purposes: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
  source_kind: string | null;
  source_detail: string | null;
  department_ids: TextArray;
  wrapped_key: string | null;
  master_key_id: string | null;
  counts: ColumnType<ImportCounts | null, string | null | undefined, string | null>;
  checked_at: Timestamp | null;
  checked_state: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: Created;
  updated_at: Timestamp;
  committed_at: Timestamp | null;
  committed_by: string | null;
  discarded_at: Timestamp | null;
  version: Generated<number>;
};

export type PersonImportRowsTable = {
  tenant_id: string;
  import_id: string;
  row_number: number;
  data: string | null;
  status: ImportRowStatus | null;
  reasons: TextArray;
  duplicate_of: string | null;
  duplicate_row: number | null;
  score: number | null;
  sensitive: Generated<boolean>;
  person_id: string | null;
};

export type ImportMappingsTable = {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  columns: Json<string[]>;
  mapping: Json<Record<string, string>>;
  created_by: string | null;
  created_at: Created;
};

export type ImportsTables = {
  person_imports: PersonImportsTable;
  person_import_rows: PersonImportRowsTable;
  import_mappings: ImportMappingsTable;
};
