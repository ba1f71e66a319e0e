-- 0014 record of processing activities (issue 7, Art. 30 GDPR). The controller's details (Art. 30(1)(a))
-- are one row per tenant. Every declared purpose gets one activity of the controller's record
-- (Art. 30(1)); its live facts (categories, recipients, transfers, erasure periods, DPIA status) are
-- computed from the system on every read, the columns here hold what the DPO wrote and confirmed.
-- Activities the tenant carries out as a processor for other controllers (Art. 30(2)) are kept by hand.
-- The record describes processing, not persons: no person ids, no personal data of data subjects.

create table ropa_settings (
  tenant_id uuid primary key references tenants (id),
  -- Art. 30(1)(a) / 30(2)(a): controller (and, for 30(2), processor) name and contact details
  controller_name text check (length(controller_name) <= 200),
  controller_address text check (length(controller_address) <= 1000),
  controller_contact text check (length(controller_contact) <= 1000),
  joint_controllers text check (length(joint_controllers) <= 2000),
  representative text check (length(representative) <= 1000),
  dpo_name text check (length(dpo_name) <= 200),
  dpo_contact text check (length(dpo_contact) <= 1000),
  -- Art. 30(1)(g) / 30(2)(d): general description of the technical and organisational measures (Art. 32)
  toms text check (length(toms) <= 20000),
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  foreign key (tenant_id, updated_by) references users (tenant_id, id)
);

create table ropa_activities (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  -- controller: Art. 30(1); processor: Art. 30(2), on behalf of another controller
  part text not null check (part in ('controller', 'processor')),
  -- the declared purpose the activity documents (controller part); null for a hand-kept activity
  purpose_id text,
  -- the DPO's texts; null means "as the live system says" (purpose label, computed categories ...)
  name text check (length(name) between 1 and 200),
  description text check (length(description) <= 4000),
  legal_bases text check (length(legal_bases) <= 2000),
  subject_categories text check (length(subject_categories) <= 2000),
  data_categories text check (length(data_categories) <= 2000),
  recipients text check (length(recipients) <= 4000),
  transfers text check (length(transfers) <= 4000),
  erasure text check (length(erasure) <= 4000),
  toms text check (length(toms) <= 20000),
  -- Art. 30(2)(a), (b): the controller the tenant acts for, and the categories of processing
  controller_name text check (length(controller_name) <= 200),
  controller_contact text check (length(controller_contact) <= 1000),
  controller_representative text check (length(controller_representative) <= 1000),
  controller_dpo text check (length(controller_dpo) <= 1000),
  processing_categories text check (length(processing_categories) <= 4000),
  status text not null default 'draft' check (status in ('draft', 'confirmed')),
  confirmed_at timestamptz,
  confirmed_by uuid,
  -- fingerprint of the live facts the DPO confirmed: a later change of the system shows as "changed"
  confirmed_facts text check (length(confirmed_facts) <= 128),
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  check ((status = 'confirmed') = (confirmed_at is not null)),
  check (part = 'controller' or purpose_id is null),
  check (part = 'controller' or controller_name is not null),
  foreign key (tenant_id, purpose_id) references purposes (tenant_id, id),
  foreign key (tenant_id, confirmed_by) references users (tenant_id, id)
);
-- one activity per declared purpose
create unique index ropa_activities_purpose on ropa_activities (tenant_id, purpose_id) where purpose_id is not null;
create index ropa_activities_list on ropa_activities (tenant_id, part, created_at);

do $$
declare t text;
begin
  foreach t in array array['ropa_settings', 'ropa_activities']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_tenant()) with check (tenant_id = app_tenant())', t);
    execute format('grant select, insert, update on %I to custos_app', t);
  end loop;
end $$;
-- the record is documentation (Art. 5(2)): activities are retired (active = false), never deleted
