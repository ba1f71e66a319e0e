-- 0007 everyday CRM work: customer groups, the deals pipeline, quotes, orders, invoices (billing data
-- with its legal retention), support cases with their message thread, tasks, and the revenue ledger the
-- dashboards read. Every table has tenant_id, row-level security and tenant-composite foreign keys.
-- Money is numeric(14,2) in the invoice currency (never floating point); dates of commercial documents
-- are calendar dates.

-- customer groups: how the sales meeting slices revenue ("Großkunden", "Fachhandel", ...)
create table customer_groups (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name text not null check (length(name) between 1 and 100),
  created_at timestamptz not null default now(),
  unique (tenant_id, id)
);
create unique index customer_groups_name on customer_groups (tenant_id, lower(name));

alter table organizations
  add column customer_group_id uuid,
  add column customer_number text check (length(customer_number) between 1 and 50),
  add constraint organizations_tenant_customer_group_fk foreign key (tenant_id, customer_group_id)
    references customer_groups (tenant_id, id);
create unique index organizations_customer_number on organizations (tenant_id, customer_number)
  where customer_number is not null;

-- running numbers per tenant, kind and year (AN-2026-0001, AU-2026-0001, RE-2026-0001, F-2026-0001)
create table document_counters (
  tenant_id uuid not null references tenants (id),
  kind text not null check (kind in ('quote', 'order', 'invoice', 'case')),
  year integer not null,
  last_value integer not null,
  primary key (tenant_id, kind, year)
);

-- the pipeline: ordered stages, each open, won or lost
create table pipeline_stages (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name_de text not null check (length(name_de) between 1 and 60),
  name_en text not null check (length(name_en) between 1 and 60),
  position integer not null check (position >= 0),
  probability integer not null check (probability between 0 and 100),
  outcome text not null check (outcome in ('open', 'won', 'lost')),
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  unique (tenant_id, id)
);
create index pipeline_stages_position on pipeline_stages (tenant_id, position);

create table deals (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  title text not null check (length(title) between 1 and 200),
  person_id uuid,
  organization_id uuid,
  stage_id uuid not null,
  value numeric(14, 2) not null default 0 check (value >= 0),
  currency text not null default 'EUR' check (currency ~ '^[A-Z]{3}$'),
  probability integer not null check (probability between 0 and 100),
  expected_close date,
  owner_id uuid,
  department_ids uuid[] not null default '{}',
  lost_reason text,
  closed_at timestamptz,
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  check (person_id is not null or organization_id is not null),
  foreign key (tenant_id, person_id) references persons (tenant_id, id),
  foreign key (tenant_id, organization_id) references organizations (tenant_id, id),
  foreign key (tenant_id, stage_id) references pipeline_stages (tenant_id, id),
  foreign key (tenant_id, owner_id) references users (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id)
);
create index deals_stage on deals (tenant_id, stage_id);
create index deals_person on deals (person_id);
create index deals_organization on deals (organization_id);

create table deal_stage_changes (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  deal_id uuid not null,
  from_stage_id uuid,
  to_stage_id uuid not null,
  changed_by uuid,
  changed_at timestamptz not null default now(),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id) on delete cascade,
  foreign key (tenant_id, from_stage_id) references pipeline_stages (tenant_id, id),
  foreign key (tenant_id, to_stage_id) references pipeline_stages (tenant_id, id),
  foreign key (tenant_id, changed_by) references users (tenant_id, id)
);
create index deal_stage_changes_deal on deal_stage_changes (deal_id, changed_at);

-- quotes and orders: the commercial record beside the ERP
create table quotes (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  number text not null check (length(number) between 1 and 50),
  deal_id uuid,
  person_id uuid,
  organization_id uuid,
  status text not null check (status in ('draft', 'sent', 'accepted', 'rejected', 'expired')),
  issued_at date not null,
  valid_until date,
  currency text not null default 'EUR' check (currency ~ '^[A-Z]{3}$'),
  net_total numeric(14, 2) not null,
  tax_total numeric(14, 2) not null,
  gross_total numeric(14, 2) not null,
  department_ids uuid[] not null default '{}',
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  check (person_id is not null or organization_id is not null),
  check (valid_until is null or valid_until >= issued_at),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id),
  foreign key (tenant_id, person_id) references persons (tenant_id, id),
  foreign key (tenant_id, organization_id) references organizations (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id)
);
create unique index quotes_number on quotes (tenant_id, number);
create index quotes_person on quotes (person_id);
create index quotes_organization on quotes (organization_id);
create index quotes_deal on quotes (deal_id);

create table quote_lines (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  quote_id uuid not null,
  position integer not null,
  product text not null check (length(product) between 1 and 200),
  description text,
  quantity numeric(12, 3) not null check (quantity > 0),
  unit_price numeric(14, 2) not null,
  tax_rate numeric(5, 2) not null check (tax_rate between 0 and 100),
  net numeric(14, 2) not null,
  foreign key (tenant_id, quote_id) references quotes (tenant_id, id) on delete cascade
);
create index quote_lines_quote on quote_lines (quote_id, position);

create table orders (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  number text not null check (length(number) between 1 and 50),
  quote_id uuid,
  deal_id uuid,
  person_id uuid,
  organization_id uuid,
  status text not null check (status in ('open', 'fulfilled', 'cancelled')),
  ordered_at date not null,
  currency text not null default 'EUR' check (currency ~ '^[A-Z]{3}$'),
  net_total numeric(14, 2) not null,
  tax_total numeric(14, 2) not null,
  gross_total numeric(14, 2) not null,
  external_ref text,
  department_ids uuid[] not null default '{}',
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  check (person_id is not null or organization_id is not null),
  foreign key (tenant_id, quote_id) references quotes (tenant_id, id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id),
  foreign key (tenant_id, person_id) references persons (tenant_id, id),
  foreign key (tenant_id, organization_id) references organizations (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id)
);
create unique index orders_number on orders (tenant_id, number);
create index orders_person on orders (person_id, ordered_at desc);
create index orders_organization on orders (organization_id, ordered_at desc);

create table order_lines (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  order_id uuid not null,
  position integer not null,
  product text not null check (length(product) between 1 and 200),
  description text,
  quantity numeric(12, 3) not null check (quantity > 0),
  unit_price numeric(14, 2) not null,
  tax_rate numeric(5, 2) not null check (tax_rate between 0 and 100),
  net numeric(14, 2) not null,
  foreign key (tenant_id, order_id) references orders (tenant_id, id) on delete cascade
);
create index order_lines_order on order_lines (order_id, position);

-- provenance of imported commercial records (an ERP export): file, who, when, how many
create table import_batches (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  kind text not null check (kind in ('invoices', 'orders')),
  file_name text not null,
  row_count integer not null,
  record_count integer not null,
  mapping jsonb not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  unique (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id)
);

-- invoices: billing data (data category "billing"), kept apart from marketing data. Accounting
-- vouchers must be kept (DE: 8 years from the end of the year of issue, § 147 AO / § 14b UStG; AT: 7
-- years, § 132 BAO). retain_until is computed by the domain rule when the invoice is written; a legal
-- hold pauses deletion; restricted_at marks an invoice kept only for the retention purpose after its
-- person was erased (Art. 17(3)(b), § 35(3) BDSG): then person_id is null and the billing snapshot
-- below is all that identifies the customer.
create table invoices (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  number text not null check (length(number) between 1 and 50),
  order_id uuid,
  person_id uuid,
  organization_id uuid,
  customer_group_id uuid,
  status text not null check (status in ('open', 'paid', 'cancelled')),
  issued_at date not null,
  due_at date not null,
  paid_at date,
  currency text not null default 'EUR' check (currency ~ '^[A-Z]{3}$'),
  net_total numeric(14, 2) not null,
  tax_total numeric(14, 2) not null,
  gross_total numeric(14, 2) not null,
  billing_name text not null check (length(billing_name) between 1 and 200),
  billing_street text,
  billing_postal_code text,
  billing_city text,
  billing_country text check (billing_country ~ '^[A-Z]{2}$'),
  billing_email text,
  retention_rule text not null,
  retain_until date not null,
  legal_hold boolean not null default false,
  restricted_at timestamptz,
  import_batch_id uuid,
  external_ref text,
  department_ids uuid[] not null default '{}',
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  check (due_at >= issued_at),
  check (paid_at is null or status = 'paid'),
  check (restricted_at is not null or person_id is not null or organization_id is not null),
  foreign key (tenant_id, order_id) references orders (tenant_id, id),
  foreign key (tenant_id, person_id) references persons (tenant_id, id),
  foreign key (tenant_id, organization_id) references organizations (tenant_id, id),
  foreign key (tenant_id, customer_group_id) references customer_groups (tenant_id, id),
  foreign key (tenant_id, import_batch_id) references import_batches (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id)
);
create unique index invoices_number on invoices (tenant_id, number);
create index invoices_person on invoices (person_id, issued_at desc);
create index invoices_organization on invoices (organization_id, issued_at desc);
create index invoices_open_due on invoices (tenant_id, due_at) where status = 'open';

create table invoice_lines (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  invoice_id uuid not null,
  position integer not null,
  product text not null check (length(product) between 1 and 200),
  description text,
  quantity numeric(12, 3) not null check (quantity > 0),
  unit_price numeric(14, 2) not null,
  tax_rate numeric(5, 2) not null check (tax_rate between 0 and 100),
  net numeric(14, 2) not null,
  foreign key (tenant_id, invoice_id) references invoices (tenant_id, id) on delete cascade
);
create index invoice_lines_invoice on invoice_lines (invoice_id, position);

-- the revenue ledger: net revenue of invoice lines per quarter, customer group and product, kept in
-- step with the invoices in the same transaction (cancelled invoices leave it). The quarterly
-- dashboard reads this instead of a million invoice lines. No employee appears in it (BetrVG § 87).
create table revenue_quarterly (
  tenant_id uuid not null references tenants (id),
  quarter date not null check (extract(day from quarter) = 1 and extract(month from quarter) in (1, 4, 7, 10)),
  customer_group_key uuid not null,
  product text not null,
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  net numeric(16, 2) not null,
  line_count integer not null,
  primary key (tenant_id, quarter, customer_group_key, product, currency)
);
comment on column revenue_quarterly.customer_group_key is
  'the customer group of the invoice, or the nil uuid 00000000-0000-0000-0000-000000000000 for none';

-- support cases and complaints (Reklamationen); the message thread is communication content, sealed
-- under the person's data key
create table cases (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  number text not null,
  person_id uuid,
  organization_id uuid,
  order_id uuid,
  invoice_id uuid,
  channel text not null check (channel in ('phone', 'email', 'letter', 'web', 'chat', 'in_person')),
  category text not null check (category in ('complaint', 'question', 'defect', 'return', 'billing', 'other')),
  status text not null check (status in ('new', 'open', 'waiting', 'resolved', 'closed')),
  priority text not null check (priority in ('low', 'normal', 'high', 'urgent')),
  subject text not null check (length(subject) between 1 and 200),
  received_at timestamptz not null,
  first_response_due_at timestamptz not null,
  resolution_due_at timestamptz not null,
  first_responded_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  assignee_id uuid,
  department_ids uuid[] not null default '{}',
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  check (person_id is not null or organization_id is not null),
  foreign key (tenant_id, person_id) references persons (tenant_id, id),
  foreign key (tenant_id, organization_id) references organizations (tenant_id, id),
  foreign key (tenant_id, order_id) references orders (tenant_id, id),
  foreign key (tenant_id, invoice_id) references invoices (tenant_id, id),
  foreign key (tenant_id, assignee_id) references users (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id)
);
create unique index cases_number on cases (tenant_id, number);
create index cases_person on cases (person_id, received_at desc);
create index cases_organization on cases (organization_id, received_at desc);
create index cases_open on cases (tenant_id, received_at) where status not in ('resolved', 'closed');

create table case_messages (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  case_id uuid not null,
  direction text not null check (direction in ('inbound', 'outbound', 'internal')),
  body text not null,
  author_id uuid,
  created_at timestamptz not null default now(),
  foreign key (tenant_id, case_id) references cases (tenant_id, id) on delete cascade,
  foreign key (tenant_id, author_id) references users (tenant_id, id)
);
create index case_messages_case on case_messages (case_id, created_at);

-- tasks and reminders, linked to at most one record of each kind
create table tasks (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  title text not null check (length(title) between 1 and 200),
  due_at timestamptz not null,
  remind_at timestamptz,
  status text not null check (status in ('open', 'done')),
  done_at timestamptz,
  assignee_id uuid not null,
  person_id uuid,
  organization_id uuid,
  deal_id uuid,
  case_id uuid,
  invoice_id uuid,
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  check ((status = 'done') = (done_at is not null)),
  foreign key (tenant_id, assignee_id) references users (tenant_id, id),
  foreign key (tenant_id, person_id) references persons (tenant_id, id),
  foreign key (tenant_id, organization_id) references organizations (tenant_id, id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id) on delete cascade,
  foreign key (tenant_id, case_id) references cases (tenant_id, id) on delete cascade,
  foreign key (tenant_id, invoice_id) references invoices (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id)
);
create index tasks_assignee_open on tasks (tenant_id, assignee_id, due_at) where status = 'open';
create index tasks_person on tasks (person_id);

do $$
declare t text;
begin
  foreach t in array array['customer_groups', 'document_counters', 'pipeline_stages', 'deals',
    'deal_stage_changes', 'quotes', 'quote_lines', 'orders', 'order_lines', 'import_batches', 'invoices',
    'invoice_lines', 'revenue_quarterly', 'cases', 'case_messages', 'tasks']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_tenant()) with check (tenant_id = app_tenant())', t);
    execute format('grant select, insert, update, delete on %I to custos_app', t);
  end loop;
end $$;

-- existing tenants get the default pipeline and customer groups (new ones get them from createTenant)
insert into pipeline_stages (tenant_id, name_de, name_en, position, probability, outcome)
select t.id, s.name_de, s.name_en, s.position, s.probability, s.outcome
from tenants t
cross join (values
  ('Neu', 'New', 0, 10, 'open'),
  ('Qualifiziert', 'Qualified', 1, 25, 'open'),
  ('Angebot', 'Proposal', 2, 50, 'open'),
  ('Verhandlung', 'Negotiation', 3, 75, 'open'),
  ('Gewonnen', 'Won', 4, 100, 'won'),
  ('Verloren', 'Lost', 5, 0, 'lost')
) as s (name_de, name_en, position, probability, outcome);

insert into customer_groups (tenant_id, name)
select t.id, g.name from tenants t cross join (values ('Großkunden'), ('Fachhandel'), ('Privatkunden')) as g (name);
