import type { ColumnType, Generated } from 'kysely';
import type { FieldDefinition } from '../domain/web-forms/fields.ts';

/** Kysely table types of migration 0019 (public web forms, ADR 0031); part of `DB` in schema.ts. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Created = ColumnType<Date, Date | string | undefined, never>;
/** a date column, read as YYYY-MM-DD text */
type Day = ColumnType<string, string, string>;

export type WebFormsTable = {
  id: Generated<string>;
  tenant_id: string;
  kind: 'contact' | 'wishlist' | 'newsletter';
  name: string;
  purpose_id: string;
  legal_basis: string;
  fields: ColumnType<FieldDefinition[], string, string>;
  success_text_de: string | null;
  success_text_en: string | null;
  retention_days: number;
  consent_form_id: string | null;
  language: 'de' | 'en';
  active: Generated<boolean>;
  public_token: string;
  created_at: Created;
  created_by: string | null;
  updated_at: Timestamp;
};

export type WebFormSubmissionsTable = {
  id: Generated<string>;
  tenant_id: string;
  form_id: string;
  values_enc: string;
  received_on: Day;
  purge_on: Day;
  status: Generated<'new' | 'accepted' | 'discarded'>;
  person_id: string | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
};

export type WebFormsTables = {
  web_forms: WebFormsTable;
  web_form_submissions: WebFormSubmissionsTable;
};
