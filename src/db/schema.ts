import type { ColumnType, Generated } from 'kysely';

/** Kysely table types; they mirror src/db/migrations and nothing else. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Created = ColumnType<Date, Date | string | undefined, never>;

export type TenantsTable = {
  id: string;
  tenant_id: string;
  name: string;
  settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  key_check: string | null;
  audit_key_wrapped: string | null;
  master_key_id: string | null;
  created_at: Created;
};

export type SubjectKeysTable = {
  tenant_id: string;
  subject_id: string;
  subject_type: string;
  wrapped_key: string | null;
  master_key_id: string | null;
  created_at: Created;
  shredded_at: Timestamp | null;
};

export type AuditLogTable = {
  tenant_id: string;
  seq: ColumnType<number, number, never>;
  at: ColumnType<Date, Date, never>;
  actor_user_id: string | null;
  actor_token_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  fields: string[];
  values_enc: string | null;
  note: string | null;
  prev_hash: string;
  hash: string;
};

export type AuditHeadsTable = { tenant_id: string; last_seq: number; last_hash: string };

export type DepartmentsTable = {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  created_at: Created;
};

export type UsersTable = {
  id: Generated<string>;
  tenant_id: string;
  email: string;
  display_name: string;
  password_hash: string;
  role: string;
  locale: Generated<string>;
  totp_secret_enc: string | null;
  totp_enabled_at: Timestamp | null;
  totp_last_step: number | null;
  disabled_at: Timestamp | null;
  created_at: Created;
};

export type UserDepartmentsTable = { tenant_id: string; user_id: string; department_id: string };

export type SessionsTable = {
  id: string;
  tenant_id: string;
  user_id: string;
  csrf_token: string;
  mfa_passed: boolean;
  created_at: Created;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
};

export type ApiTokensTable = {
  id: Generated<string>;
  tenant_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_at: Created;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
};

export type PurposesTable = {
  tenant_id: string;
  id: string;
  label_de: string;
  label_en: string;
  description_de: string;
  description_en: string;
  legal_bases: string[];
  built_in: Generated<boolean>;
  created_at: Created;
};

type AddressColumns = {
  street: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
};

export type OrganizationsTable = AddressColumns & {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  kind: string;
  legal_form: string | null;
  vat_id: string | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  notes: string | null;
  department_ids: ColumnType<string[], string[] | undefined, string[]>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Created;
  updated_at: Timestamp;
  search_text: ColumnType<string, never, never>;
};

export type PersonsTable = AddressColumns & {
  id: Generated<string>;
  tenant_id: string;
  kind: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  birth_date: string | null;
  notes: string | null;
  accessibility_needs: string | null;
  accessibility_legal_basis: string | null;
  organization_id: string | null;
  job_title: string | null;
  department_ids: ColumnType<string[], string[] | undefined, string[]>;
  legal_basis: string;
  purposes: string[];
  source_kind: string;
  source_detail: string | null;
  collected_at: Timestamp;
  collected_by: string | null;
  expires_at: Timestamp | null;
  version: Generated<number>;
  created_at: Created;
  updated_at: Timestamp;
  search_text: ColumnType<string, never, never>;
};

export type InteractionsTable = {
  id: Generated<string>;
  tenant_id: string;
  person_id: string;
  organization_id: string | null;
  kind: string;
  direction: string | null;
  occurred_at: Timestamp;
  subject: string;
  body: string | null;
  employee_id: string | null;
  created_at: Created;
};

export type TagsTable = {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  color: Generated<string>;
  created_at: Created;
};
export type PersonTagsTable = { tenant_id: string; person_id: string; tag_id: string };
export type OrganizationTagsTable = { tenant_id: string; organization_id: string; tag_id: string };

export type DB = {
  tenants: TenantsTable;
  departments: DepartmentsTable;
  users: UsersTable;
  user_departments: UserDepartmentsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  purposes: PurposesTable;
  organizations: OrganizationsTable;
  persons: PersonsTable;
  interactions: InteractionsTable;
  tags: TagsTable;
  person_tags: PersonTagsTable;
  organization_tags: OrganizationTagsTable;
  subject_keys: SubjectKeysTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
};
