import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of migration 0012 (deletion concept, legal holds, retention sweeps). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Created = ColumnType<Date, Date | string | undefined, never>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type Json<T> = ColumnType<T, string | undefined, string>;

export type StartType = 'collection' | 'end_of_process' | 'end_of_relationship';

export type RetentionPeriodsTable = {
  tenant_id: string;
  id: string;
  label_de: string;
  label_en: string;
  years: Generated<number>;
  months: Generated<number>;
  days: Generated<number>;
  round_to_year_end: Generated<boolean>;
  built_in: Generated<boolean>;
  created_at: Created;
};

export type DeletionClassesTable = {
  tenant_id: string;
  id: string;
  period_id: string;
  start_type: StartType;
  built_in: Generated<boolean>;
  created_at: Created;
};

export type DataTypesTable = {
  tenant_id: string;
  id: string;
  jurisdiction: string;
  name_de: string;
  name_en: string;
  description_de: Generated<string>;
  description_en: Generated<string>;
  purpose_id: string;
  legal_basis: string;
  subject_group: string;
  data_categories: TextArray;
  deletion_class_id: string;
  start_event: string;
  target: string | null;
  statute: string | null;
  method: Generated<'delete' | 'erase_person' | 'document_only'>;
  active: Generated<boolean>;
  built_in: Generated<boolean>;
  version: Generated<number>;
  created_at: Created;
  updated_at: Timestamp;
};

export type LegalHoldsTable = {
  id: Generated<string>;
  tenant_id: string;
  object_type:
    | 'person'
    | 'organization'
    | 'invoice'
    | 'interaction'
    | 'case'
    | 'quote'
    | 'order'
    | 'deal'
    | 'consent';
  object_id: string;
  reason: 'legal_hold' | 'tax_audit' | 'dispute' | 'technical';
  reference: string | null;
  until: ColumnType<string | null, string | null | undefined, string | null>;
  placed_by: string | null;
  placed_at: Timestamp;
  released_at: Timestamp | null;
  released_by: string | null;
};

export type SweepCounts = Record<string, { deleted: number; held?: number }>;

export type RetentionSweepsTable = {
  id: Generated<string>;
  tenant_id: string;
  status: Generated<'running' | 'completed' | 'failed'>;
  trigger: 'scheduler' | 'manual' | 'cli';
  as_of: Timestamp;
  jurisdiction: string;
  started_by: string | null;
  started_at: Timestamp;
  heartbeat_at: Timestamp;
  finished_at: Timestamp | null;
  counts: Json<SweepCounts>;
  error_code: string | null;
};

export type RetentionTables = {
  retention_periods: RetentionPeriodsTable;
  deletion_classes: DeletionClassesTable;
  data_types: DataTypesTable;
  legal_holds: LegalHoldsTable;
  retention_sweeps: RetentionSweepsTable;
};
