import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of migration 0015 (DPIA, Art. 35 GDPR); part of `DB` in schema.ts. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Created = ColumnType<Date, Date | string | undefined, never>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type Json<T> = ColumnType<T, string | undefined, string>;
/** A calendar date, YYYY-MM-DD (the driver returns dates as text). */
type DateColumn = string;

export type DpiaStatusValue = 'draft' | 'signed_off' | 'superseded';

/** One risk of a DPIA as stored in dpias.risks (Art. 35(7)(c) and (d)). */
export type StoredDpiaRisk = {
  id: string;
  title: string;
  description: string | null;
  likelihood: number;
  severity: number;
  measures: { text: string; kind: 'technical' | 'organisational' }[];
  residualLikelihood: number | null;
  residualSeverity: number | null;
};

export type DpiaScreeningsTable = {
  tenant_id: string;
  purpose_id: string;
  criteria: TextArray;
  note: string | null;
  screened_by: string | null;
  screened_at: Timestamp;
  version: Generated<number>;
};

export type DpiasTable = {
  id: Generated<string>;
  tenant_id: string;
  purpose_id: string;
  series_id: string;
  revision: Generated<number>;
  previous_id: string | null;
  title: string;
  status: Generated<DpiaStatusValue>;
  triggers: TextArray;
  answers: Json<Record<string, string>>;
  risks: Json<StoredDpiaRisk[]>;
  dpo_opinion: string | null;
  consultation_at: DateColumn | null;
  consultation_reference: string | null;
  review_at: DateColumn | null;
  signed_off_at: Timestamp | null;
  signed_off_by: string | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: Created;
  updated_at: Timestamp;
};

export type DpiaTables = {
  dpia_screenings: DpiaScreeningsTable;
  dpias: DpiasTable;
};
