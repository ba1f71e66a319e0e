-- 0001 platform: tenants, users, departments, sessions, API tokens, purposes,
-- organisations, persons, interactions, tags. Every table carries tenant_id and row-level security;
-- the application role custos_app (not the owner) is what request handlers run as.

create extension if not exists pg_trgm;

-- The role is created once per cluster (a user without CREATEROLE can use one an administrator made),
-- and the migrating user becomes a member so that it may SET ROLE to it.
do $$ begin
  if not exists (select from pg_roles where rolname = 'custos_app') then
    create role custos_app nologin;
  end if;
exception when duplicate_object or unique_violation then null;
end $$;
do $$ begin
  if not pg_has_role(current_user, 'custos_app', 'member') then
    execute format('grant custos_app to %I', current_user);
  end if;
end $$;

create function app_tenant() returns uuid language sql stable as
$$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;

create table tenants (
  id uuid primary key,
  tenant_id uuid not null check (tenant_id = id),
  name text not null check (length(name) between 1 and 200),
  settings jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);

create table departments (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name text not null check (length(name) between 1 and 100),
  created_at timestamptz not null default now()
);
create unique index departments_name on departments (tenant_id, lower(name));

create table users (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  email text not null check (email = lower(email)),
  display_name text not null,
  password_hash text not null,
  role text not null check (role in ('admin', 'dpo', 'sales', 'marketing', 'support', 'accounting', 'readonly')),
  locale text not null default 'de' check (locale in ('de', 'en')),
  totp_secret_enc text,
  totp_enabled_at timestamptz,
  disabled_at timestamptz,
  created_at timestamptz not null default now()
);
create unique index users_email on users (email);

create table user_departments (
  tenant_id uuid not null references tenants (id),
  user_id uuid not null references users (id) on delete cascade,
  department_id uuid not null references departments (id) on delete cascade,
  primary key (user_id, department_id)
);

create table sessions (
  id text primary key,
  tenant_id uuid not null references tenants (id),
  user_id uuid not null references users (id) on delete cascade,
  csrf_token text not null,
  mfa_passed boolean not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user on sessions (user_id);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  user_id uuid not null references users (id) on delete cascade,
  name text not null check (length(name) between 1 and 100),
  token_hash text not null unique,
  token_prefix text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

create table purposes (
  tenant_id uuid not null references tenants (id),
  id text not null check (id ~ '^[a-z][a-z0-9_]{1,62}$'),
  label_de text not null,
  label_en text not null,
  description_de text not null,
  description_en text not null,
  legal_bases text[] not null check (cardinality(legal_bases) > 0),
  built_in boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);

create table organizations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name text not null,
  kind text not null check (kind in ('customer', 'prospect', 'partner', 'supplier', 'other')),
  legal_form text,
  vat_id text,
  website text,
  email text,
  phone text,
  street text,
  postal_code text,
  city text,
  country text check (country ~ '^[A-Z]{2}$'),
  notes text,
  department_ids uuid[] not null default '{}',
  version integer not null default 1,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  search_text text generated always as (lower(name || ' ' || coalesce(email, '') || ' ' || coalesce(city, ''))) stored
);
create index organizations_search on organizations using gin (search_text gin_trgm_ops);
create index organizations_name on organizations (tenant_id, lower(name), id);

create table persons (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  kind text not null check (kind in ('customer', 'prospect', 'contact_person')),
  first_name text not null,
  last_name text not null,
  email text,
  phone text,
  birth_date date,
  street text,
  postal_code text,
  city text,
  country text check (country ~ '^[A-Z]{2}$'),
  notes text,
  accessibility_needs text,
  accessibility_legal_basis text,
  organization_id uuid references organizations (id),
  job_title text,
  department_ids uuid[] not null default '{}',
  legal_basis text not null check (legal_basis in ('consent', 'contract', 'legal_obligation', 'vital_interest', 'public_task', 'legitimate_interest')),
  purposes text[] not null check (cardinality(purposes) > 0),
  source_kind text not null,
  source_detail text,
  collected_at timestamptz not null,
  collected_by uuid references users (id),
  expires_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  search_text text generated always as (
    lower(first_name || ' ' || last_name || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))
  ) stored,
  check ((accessibility_needs is null) = (accessibility_legal_basis is null))
);
create index persons_search on persons using gin (search_text gin_trgm_ops);
create index persons_name on persons (tenant_id, lower(last_name), lower(first_name), id);
create index persons_created on persons (tenant_id, created_at, id);
create index persons_organization on persons (organization_id);
create index persons_departments on persons using gin (department_ids);

create table interactions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  person_id uuid not null references persons (id),
  organization_id uuid references organizations (id),
  kind text not null check (kind in ('call', 'email', 'meeting', 'chat', 'letter', 'note', 'social')),
  direction text check (direction in ('inbound', 'outbound', 'internal')),
  occurred_at timestamptz not null,
  subject text not null,
  body text,
  employee_id uuid references users (id),
  created_at timestamptz not null default now()
);
create index interactions_person on interactions (person_id, occurred_at desc);

create table tags (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name text not null check (length(name) between 1 and 50),
  color text not null default 'gray',
  created_at timestamptz not null default now()
);
create unique index tags_name on tags (tenant_id, lower(name));

create table person_tags (
  tenant_id uuid not null references tenants (id),
  person_id uuid not null references persons (id) on delete cascade,
  tag_id uuid not null references tags (id) on delete cascade,
  primary key (person_id, tag_id)
);

create table organization_tags (
  tenant_id uuid not null references tenants (id),
  organization_id uuid not null references organizations (id) on delete cascade,
  tag_id uuid not null references tags (id) on delete cascade,
  primary key (organization_id, tag_id)
);

do $$
declare t text;
begin
  foreach t in array array['tenants', 'departments', 'users', 'user_departments', 'sessions', 'api_tokens',
    'purposes', 'organizations', 'persons', 'interactions', 'tags', 'person_tags', 'organization_tags']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_tenant()) with check (tenant_id = app_tenant())', t);
    execute format('grant select, insert, update, delete on %I to custos_app', t);
  end loop;
end $$;
grant usage on schema public to custos_app;
grant execute on function app_tenant() to custos_app;
