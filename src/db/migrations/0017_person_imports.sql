-- 0017 person imports (issue 8, ADR 0029): an uploaded CSV, xlsx or vCard file becomes a staged batch;
-- the user maps columns, declares legal basis, purposes and source for the whole batch, runs a dry run
-- and commits all or nothing. Staged rows are personal data before any person exists: they are sealed
-- under the batch's own data key (wrapped by the master key) and destroyed, key and ciphertext, when the
-- batch is committed, discarded or expires. What stays is the provenance (file name, who, when, facts)
-- and the per-row outcome (status, reasons, the person created or the duplicate found), never a value.
-- (The invoice import of 0007 has its own import_batches; this is the person import.)

create table person_imports (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  status text not null default 'staged' check (status in ('staged', 'committed', 'discarded', 'expired')),
  file_name text not null check (length(file_name) between 1 and 255),
  file_size bigint not null check (file_size >= 0),
  format text not null check (format in ('csv', 'xlsx', 'vcard')),
  encoding text,
  delimiter text,
  sheet text,
  -- header names of the file (column names, not values)
  columns jsonb not null default '[]' check (jsonb_typeof(columns) = 'array'),
  row_count integer not null default 0 check (row_count >= 0),
  -- the readers' findings: kind, severity, row, column, an explanation; never a cell's value
  findings jsonb not null default '[]' check (jsonb_typeof(findings) = 'array'),
  finding_counts jsonb not null default '{}' check (jsonb_typeof(finding_counts) = 'object'),
  -- column -> person field as confirmed by the user (before minimisation), and what minimisation dropped
  mapping jsonb check (mapping is null or jsonb_typeof(mapping) = 'object'),
  dropped_columns jsonb not null default '[]' check (jsonb_typeof(dropped_columns) = 'array'),
  mapping_id uuid,
  person_kind text check (person_kind in ('customer', 'prospect', 'contact_person')),
  legal_basis text,
  purposes text[],
  source_kind text,
  source_detail text check (length(source_detail) <= 500),
  department_ids uuid[] not null default '{}',
  -- the batch's data key for the staged rows, wrapped by the master key; null once the rows are gone
  wrapped_key text,
  master_key_id text,
  -- counts of the last dry run or of the commit: {valid, invalid, duplicate, suppressed, fieldLocked, sensitive, created}
  counts jsonb check (counts is null or jsonb_typeof(counts) = 'object'),
  checked_at timestamptz,
  -- what the outcomes of the last dry run depended on outside the file (persons, suppressions, field locks,
  -- day, phone region): the commit reuses the stored outcomes while it is unchanged (ADR 0029)
  checked_state text,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  committed_at timestamptz,
  committed_by uuid,
  discarded_at timestamptz,
  version integer not null default 1,
  unique (tenant_id, id),
  check ((status = 'committed') = (committed_at is not null)),
  check (status = 'staged' or wrapped_key is null),
  foreign key (tenant_id, created_by) references users (tenant_id, id),
  foreign key (tenant_id, committed_by) references users (tenant_id, id)
);
create index person_imports_list on person_imports (tenant_id, created_at desc);
create index person_imports_staged on person_imports (created_at) where status = 'staged';

-- one row of the file: its values sealed under the batch key while staged (null afterwards), and the
-- outcome of the last check; person_id is the person the commit created from it
create table person_import_rows (
  tenant_id uuid not null references tenants (id),
  import_id uuid not null,
  row_number integer not null check (row_number >= 0),
  data text,
  status text check (status in ('valid', 'invalid', 'duplicate', 'suppressed', 'field_locked', 'created', 'skipped')),
  reasons text[] not null default '{}',
  duplicate_of uuid,
  duplicate_row integer,
  score real,
  sensitive boolean not null default false,
  person_id uuid,
  primary key (tenant_id, import_id, row_number),
  foreign key (tenant_id, import_id) references person_imports (tenant_id, id) on delete cascade,
  foreign key (tenant_id, person_id) references persons (tenant_id, id) on delete set null (person_id),
  foreign key (tenant_id, duplicate_of) references persons (tenant_id, id) on delete set null (duplicate_of)
);
create index person_import_rows_person on person_import_rows (tenant_id, person_id) where person_id is not null;
create index person_import_rows_duplicate on person_import_rows (tenant_id, duplicate_of)
  where duplicate_of is not null;

-- saved column mappings: header name -> person field, reused when a file with the same columns comes
create table import_mappings (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name text not null check (length(name) between 1 and 100),
  columns jsonb not null check (jsonb_typeof(columns) = 'array'),
  mapping jsonb not null check (jsonb_typeof(mapping) = 'object'),
  created_by uuid,
  created_at timestamptz not null default now(),
  unique (tenant_id, id),
  unique (tenant_id, name),
  foreign key (tenant_id, created_by) references users (tenant_id, id)
);

alter table person_imports
  add foreign key (tenant_id, mapping_id) references import_mappings (tenant_id, id) on delete set null (mapping_id);

-- provenance: the batch a person was imported by
alter table persons add column import_id uuid;
alter table persons
  add foreign key (tenant_id, import_id) references person_imports (tenant_id, id);
create index persons_import on persons (tenant_id, import_id) where import_id is not null;

alter table person_imports enable row level security;
create policy tenant_isolation on person_imports
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert, update, delete on person_imports to custos_app;

alter table person_import_rows enable row level security;
create policy tenant_isolation on person_import_rows
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert, update, delete on person_import_rows to custos_app;

alter table import_mappings enable row level security;
create policy tenant_isolation on import_mappings
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert, update, delete on import_mappings to custos_app;
