import type { ColumnType, Generated } from 'kysely';
import type { AccountabilityTables } from './schema-accountability.ts';
import type { DpiaTables } from './schema-dpia.ts';
import type { DuplicatesTables } from './schema-duplicates.ts';
import type { ImportsTables } from './schema-imports.ts';
import type { MarketingTables } from './schema-marketing.ts';
import type { PhotoTables } from './schema-photos.ts';
import type { RateLimitTables } from './schema-rate-limits.ts';
import type { RedactionTables } from './schema-redaction.ts';
import type { RetentionTables } from './schema-retention.ts';
import type { RopaTables } from './schema-ropa.ts';
import type { WebFormsTables } from './schema-web-forms.ts';

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
  /** sha256 of values_enc, which the chain commits to (migration 0020); null for older entries */
  values_digest: string | null;
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
  customer_group_id: string | null;
  customer_number: string | null;
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
  restricted_at: Timestamp | null;
  restriction_reason: string | null;
  marketing_objection_at: Timestamp | null;
  /** the person import batch that created the person (migration 0017, provenance) */
  import_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** when the person's data was last confirmed as correct (data quality, migration 0022) */
  verified_at: Timestamp | null;
};

/** The tenant's data quality settings (migration 0022); no row = the defaults. */
export type DataQualitySettingsTable = {
  tenant_id: string;
  stale_months: Generated<number>;
  updated_at: Generated<Date>;
  updated_by: string | null;
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

type Money = ColumnType<string, string | number, string | number>;
type CalendarDate = ColumnType<string, string, string>;
type Uuids = ColumnType<string[], string[] | undefined, string[]>;
type Commercial = {
  department_ids: Uuids;
  version: Generated<number>;
  created_by: string | null;
  created_at: Created;
  updated_at: Timestamp;
};
type Totals = { currency: Generated<string>; net_total: Money; tax_total: Money; gross_total: Money };

export type CustomerGroupsTable = {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  created_at: Created;
};

export type DocumentCountersTable = { tenant_id: string; kind: string; year: number; last_value: number };

export type PipelineStagesTable = {
  id: Generated<string>;
  tenant_id: string;
  name_de: string;
  name_en: string;
  position: number;
  probability: number;
  outcome: string;
  archived_at: Timestamp | null;
  created_at: Created;
};

export type DealsTable = Commercial & {
  id: Generated<string>;
  tenant_id: string;
  title: string;
  person_id: string | null;
  organization_id: string | null;
  stage_id: string;
  value: Money;
  currency: Generated<string>;
  probability: number;
  expected_close: CalendarDate | null;
  owner_id: string | null;
  lost_reason: string | null;
  closed_at: Timestamp | null;
};

export type DealStageChangesTable = {
  id: Generated<string>;
  tenant_id: string;
  deal_id: string;
  from_stage_id: string | null;
  to_stage_id: string;
  changed_by: string | null;
  changed_at: Created;
};

export type DocumentLinesTable = {
  id: Generated<string>;
  tenant_id: string;
  position: number;
  product: string;
  description: string | null;
  quantity: Money;
  unit_price: Money;
  tax_rate: Money;
  net: Money;
};

export type QuotesTable = Commercial &
  Totals & {
    id: Generated<string>;
    tenant_id: string;
    number: string;
    deal_id: string | null;
    person_id: string | null;
    organization_id: string | null;
    status: string;
    issued_at: CalendarDate;
    valid_until: CalendarDate | null;
  };

export type OrdersTable = Commercial &
  Totals & {
    id: Generated<string>;
    tenant_id: string;
    number: string;
    quote_id: string | null;
    deal_id: string | null;
    person_id: string | null;
    organization_id: string | null;
    status: string;
    ordered_at: CalendarDate;
    external_ref: string | null;
  };

export type ImportBatchesTable = {
  id: Generated<string>;
  tenant_id: string;
  kind: string;
  file_name: string;
  row_count: number;
  record_count: number;
  mapping: ColumnType<Record<string, unknown>, string, string>;
  created_by: string | null;
  created_at: Created;
};

export type InvoicesTable = Commercial &
  Totals & {
    id: Generated<string>;
    tenant_id: string;
    number: string;
    order_id: string | null;
    person_id: string | null;
    organization_id: string | null;
    customer_group_id: string | null;
    status: string;
    issued_at: CalendarDate;
    due_at: CalendarDate;
    paid_at: CalendarDate | null;
    billing_name: string;
    billing_street: string | null;
    billing_postal_code: string | null;
    billing_city: string | null;
    billing_country: string | null;
    billing_email: string | null;
    retention_rule: string;
    retain_until: CalendarDate;
    legal_hold: Generated<boolean>;
    restricted_at: Timestamp | null;
    import_batch_id: string | null;
    external_ref: string | null;
  };

export type RevenueQuarterlyTable = {
  tenant_id: string;
  quarter: CalendarDate;
  customer_group_key: string;
  product: string;
  currency: string;
  net: Money;
  line_count: number;
};

export type CasesTable = Commercial & {
  id: Generated<string>;
  tenant_id: string;
  number: string;
  person_id: string | null;
  organization_id: string | null;
  order_id: string | null;
  invoice_id: string | null;
  channel: string;
  category: string;
  status: string;
  priority: string;
  subject: string;
  received_at: Timestamp;
  first_response_due_at: Timestamp;
  resolution_due_at: Timestamp;
  first_responded_at: Timestamp | null;
  resolved_at: Timestamp | null;
  closed_at: Timestamp | null;
  assignee_id: string | null;
};

export type CaseMessagesTable = {
  id: Generated<string>;
  tenant_id: string;
  case_id: string;
  direction: string;
  body: string;
  author_id: string | null;
  created_at: Created;
};

export type TasksTable = {
  id: Generated<string>;
  tenant_id: string;
  title: string;
  due_at: Timestamp;
  remind_at: Timestamp | null;
  status: string;
  done_at: Timestamp | null;
  assignee_id: string;
  person_id: string | null;
  organization_id: string | null;
  deal_id: string | null;
  case_id: string | null;
  invoice_id: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Created;
  updated_at: Timestamp;
};

export type DsrRequestsTable = {
  id: Generated<string>;
  tenant_id: string;
  number: string;
  type: string;
  channel: string;
  status: Generated<string>;
  person_id: string;
  locale: Generated<string>;
  received_at: Timestamp;
  due_at: CalendarDate;
  extended_due_at: CalendarDate | null;
  extension_reason: string | null;
  extension_notified_at: Timestamp | null;
  identity_status: Generated<string>;
  assignee_id: string | null;
  requester_enc: string | null;
  details_enc: string | null;
  export_enc: string | null;
  outcome: string | null;
  refusal_reason: string | null;
  refusal_details: string | null;
  closed_at: Timestamp | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Created;
  updated_at: Timestamp;
};

export type DsrVerificationStepsTable = {
  id: Generated<string>;
  tenant_id: string;
  request_id: string;
  method: string;
  outcome: string;
  note: string | null;
  performed_by: string | null;
  performed_at: Timestamp;
};

export type DsrEventsTable = {
  id: Generated<string>;
  tenant_id: string;
  request_id: string;
  kind: string;
  detail: string | null;
  actor_id: string | null;
  at: Timestamp;
};

export type LetterTemplatesTable = {
  tenant_id: string;
  kind: string;
  locale: string;
  subject: string;
  body: string;
  updated_by: string | null;
  updated_at: Timestamp;
};

export type DsrLettersTable = {
  id: Generated<string>;
  tenant_id: string;
  request_id: string;
  kind: string;
  locale: string;
  subject_enc: string | null;
  body_enc: string | null;
  created_by: string | null;
  created_at: Created;
  sent_at: Timestamp | null;
};

export type ErasuresTable = {
  id: Generated<string>;
  tenant_id: string;
  person_id: string;
  request_id: string | null;
  erased_at: Timestamp;
  erased_by: string | null;
  summary: ColumnType<Record<string, unknown>, string | undefined, string>;
};

export type SuppressionsTable = {
  id: Generated<string>;
  tenant_id: string;
  kind: string;
  hash: string;
  reason: string;
  request_id: string | null;
  created_at: Created;
};

export type FieldLocksTable = {
  tenant_id: string;
  person_id: string;
  field: string;
  reason: string | null;
  request_id: string | null;
  locked_by: string | null;
  locked_at: Timestamp;
};

export type RecipientsTable = {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  kind: string;
  country: string | null;
  contact: string | null;
  notes: string | null;
  archived_at: Timestamp | null;
  created_at: Created;
  // 0013 system and processor register
  location: string | null;
  purposes: ColumnType<string[], string[] | undefined, string[]>;
  data_categories: ColumnType<string[], string[] | undefined, string[]>;
  subject_groups: ColumnType<string[], string[] | undefined, string[]>;
  transfer_mechanism: string | null;
  scc_module: string | null;
  /** date columns come back as 'YYYY-MM-DD' text (see the date parser in database.ts) */
  tia_date: string | null;
  dpf_checked_on: string | null;
  transfer_note: string | null;
  avv_signed_on: string | null;
  avv_file_name: string | null;
  avv_file: Buffer | null;
  avv_uploaded_at: Timestamp | null;
  toms: string | null;
  sub_processors: string | null;
  updated_at: Timestamp | null;
};

export type DisclosuresTable = {
  id: Generated<string>;
  tenant_id: string;
  person_id: string;
  recipient_id: string;
  categories: string[];
  purpose: string | null;
  disclosed_at: Timestamp;
  note: string | null;
  recorded_by: string | null;
  created_at: Created;
};

export type RecipientNotificationsTable = {
  id: Generated<string>;
  tenant_id: string;
  request_id: string;
  recipient_id: string;
  action: string;
  categories: ColumnType<string[], string[] | undefined, string[]>;
  status: Generated<string>;
  note: string | null;
  created_at: Created;
  resolved_at: Timestamp | null;
  resolved_by: string | null;
};

export type DB = MarketingTables &
  AccountabilityTables &
  RetentionTables &
  RopaTables &
  DpiaTables &
  DuplicatesTables &
  ImportsTables &
  RedactionTables &
  PhotoTables &
  RateLimitTables &
  WebFormsTables & {
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
    customer_groups: CustomerGroupsTable;
    document_counters: DocumentCountersTable;
    pipeline_stages: PipelineStagesTable;
    deals: DealsTable;
    deal_stage_changes: DealStageChangesTable;
    quotes: QuotesTable;
    quote_lines: DocumentLinesTable & { quote_id: string };
    orders: OrdersTable;
    order_lines: DocumentLinesTable & { order_id: string };
    import_batches: ImportBatchesTable;
    invoices: InvoicesTable;
    invoice_lines: DocumentLinesTable & { invoice_id: string };
    revenue_quarterly: RevenueQuarterlyTable;
    cases: CasesTable;
    case_messages: CaseMessagesTable;
    tasks: TasksTable;
    dsr_requests: DsrRequestsTable;
    dsr_verification_steps: DsrVerificationStepsTable;
    dsr_events: DsrEventsTable;
    letter_templates: LetterTemplatesTable;
    dsr_letters: DsrLettersTable;
    erasures: ErasuresTable;
    suppressions: SuppressionsTable;
    field_locks: FieldLocksTable;
    recipients: RecipientsTable;
    disclosures: DisclosuresTable;
    recipient_notifications: RecipientNotificationsTable;
    data_quality_settings: DataQualitySettingsTable;
  };
