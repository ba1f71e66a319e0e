-- 0012 deletion concept after DIN 66398 (issue 7, Art. 5(1)(e) GDPR) and the retention sweep.
-- Standard periods (Standardlöschfristen) × start types make the deletion classes (Löschklassen);
-- every data type (Datenart: purpose, legal basis, group of data subjects) sits in exactly one class
-- and names its concrete start event. A data type with a `target` is carried out by the retention
-- sweep over the records it names; one without is documented only (paper files, other systems).
-- Rules are data with a jurisdiction key; the DE and AT presets are seeded by the application.

create table retention_periods (
  tenant_id uuid not null references tenants (id),
  id text not null check (id ~ '^[a-z][a-z0-9_]{1,62}$'),
  label_de text not null check (length(label_de) between 1 and 200),
  label_en text not null check (length(label_en) between 1 and 200),
  years integer not null default 0 check (years between 0 and 100),
  months integer not null default 0 check (months between 0 and 1200),
  days integer not null default 0 check (days between 0 and 36500),
  -- the law counts from the end of the calendar year (§ 147 Abs. 4 AO, § 257 Abs. 5 HGB, § 199 BGB)
  round_to_year_end boolean not null default false,
  built_in boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);

create table deletion_classes (
  tenant_id uuid not null references tenants (id),
  id text not null check (id ~ '^[a-z][a-z0-9_]{1,62}$'),
  period_id text not null,
  start_type text not null check (start_type in ('collection', 'end_of_process', 'end_of_relationship')),
  built_in boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, period_id, start_type),
  foreign key (tenant_id, period_id) references retention_periods (tenant_id, id)
);

create table data_types (
  tenant_id uuid not null references tenants (id),
  id text not null check (id ~ '^[a-z][a-z0-9_]{1,62}$'),
  jurisdiction text not null check (jurisdiction ~ '^[A-Z]{2}$'),
  name_de text not null check (length(name_de) between 1 and 200),
  name_en text not null check (length(name_en) between 1 and 200),
  description_de text not null default '' check (length(description_de) <= 4000),
  description_en text not null default '' check (length(description_en) <= 4000),
  purpose_id text not null,
  -- e.g. 'Art. 6 Abs. 1 lit. c DSGVO i. V. m. § 147 AO'
  legal_basis text not null check (length(legal_basis) between 1 and 500),
  subject_group text not null check (length(subject_group) between 1 and 200),
  data_categories text[] not null default '{}',
  deletion_class_id text not null,
  -- the concrete start event in business terms, e.g. 'Rechnung ausgestellt'
  start_event text not null check (length(start_event) between 1 and 500),
  -- which records the retention sweep deletes under this rule; null: documented only
  target text check (target ~ '^[a-z][a-z0-9_]{1,62}$'),
  -- the statutory minimum this rule must not undercut, e.g. 'DE.voucher'
  statute text check (length(statute) <= 100),
  -- how the sweep removes the records: delete the rows, or erase the person (crypto-shredding)
  method text not null default 'delete' check (method in ('delete', 'erase_person', 'document_only')),
  active boolean not null default true,
  built_in boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, purpose_id) references purposes (tenant_id, id),
  foreign key (tenant_id, deletion_class_id) references deletion_classes (tenant_id, id)
);
-- one active rule per set of records: a record never falls under two deletion rules
create unique index data_types_one_rule_per_target on data_types (tenant_id, jurisdiction, target)
  where active and target is not null;

-- legal holds (DIN 66398 deviation): pause deletion of one record, or of everything about a person
create table legal_holds (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  object_type text not null check (object_type in ('person', 'organization', 'invoice', 'interaction', 'case', 'quote', 'order', 'deal', 'consent')),
  object_id uuid not null,
  reason text not null check (reason in ('legal_hold', 'tax_audit', 'dispute', 'technical')),
  -- a case reference, never a description of the person
  reference text check (length(reference) <= 200),
  until date,
  placed_by uuid,
  placed_at timestamptz not null default now(),
  released_at timestamptz,
  released_by uuid,
  unique (tenant_id, id),
  foreign key (tenant_id, placed_by) references users (tenant_id, id),
  foreign key (tenant_id, released_by) references users (tenant_id, id)
);
create index legal_holds_active on legal_holds (tenant_id, object_type, object_id) where released_at is null;

-- retention sweeps: one row per run; a run keeps the day it judges by, so a resumed run deletes
-- exactly what the interrupted one would have. The report holds counts only, never ids or values.
create table retention_sweeps (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  status text not null default 'running' check (status in ('running', 'completed', 'failed')),
  trigger text not null check (trigger in ('scheduler', 'manual', 'cli')),
  as_of timestamptz not null,
  jurisdiction text not null check (jurisdiction ~ '^[A-Z]{2}$'),
  started_by uuid,
  started_at timestamptz not null,
  heartbeat_at timestamptz not null,
  finished_at timestamptz,
  -- per data type id: { "deleted": n, "held": n }
  counts jsonb not null default '{}',
  error_code text check (length(error_code) <= 100),
  unique (tenant_id, id),
  check ((status = 'running') = (finished_at is null)),
  foreign key (tenant_id, started_by) references users (tenant_id, id)
);
create unique index retention_sweeps_one_running on retention_sweeps (tenant_id) where status = 'running';
create index retention_sweeps_recent on retention_sweeps (tenant_id, started_at desc);

-- what the sweep looks up by date
create index interactions_occurred on interactions (tenant_id, occurred_at, id);

do $$
declare t text;
begin
  foreach t in array array['retention_periods', 'deletion_classes', 'data_types', 'legal_holds', 'retention_sweeps']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_tenant()) with check (tenant_id = app_tenant())', t);
    execute format('grant select, insert, update, delete on %I to custos_app', t);
  end loop;
end $$;

-- a released hold stays documented; the sweep reports are the proof of deletion
revoke delete on legal_holds, retention_sweeps from custos_app;
