-- Public web forms (issue 8, ADR 0031): forms defined in the UI that declare every field with its
-- data category, and an inbox of their submissions. A submission keeps the declared fields only,
-- sealed (its own data key in subject_keys, or the person's once accepted), and the day it arrived:
-- no IP address, user agent, referrer or time of day (a newsletter's consent proof goes through the
-- double opt-in of consent_signups instead).

create table web_forms (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  kind text not null check (kind in ('contact', 'wishlist', 'newsletter')),
  name text not null check (length(name) between 1 and 200),
  purpose_id text not null,
  legal_basis text not null,
  fields jsonb not null,
  success_text_de text check (length(success_text_de) <= 2000),
  success_text_en text check (length(success_text_en) <= 2000),
  retention_days integer not null check (retention_days between 1 and 3650),
  consent_form_id uuid,
  language text not null default 'de' check (language in ('de', 'en')),
  active boolean not null default true,
  public_token text not null unique check (length(public_token) between 20 and 100),
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  foreign key (tenant_id, purpose_id) references purposes (tenant_id, id),
  foreign key (tenant_id, consent_form_id) references consent_forms (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id),
  check ((kind = 'newsletter') = (consent_form_id is not null))
);

create table web_form_submissions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  form_id uuid not null,
  -- the declared fields' values as sealed JSON (its own data key, or the person's once accepted)
  values_enc text not null,
  received_on date not null,
  purge_on date not null,
  status text not null default 'new' check (status in ('new', 'accepted', 'discarded')),
  person_id uuid,
  decided_at timestamptz,
  decided_by uuid,
  unique (tenant_id, id),
  foreign key (tenant_id, form_id) references web_forms (tenant_id, id) on delete cascade,
  foreign key (tenant_id, person_id) references persons (tenant_id, id),
  foreign key (tenant_id, decided_by) references users (tenant_id, id),
  check ((status = 'accepted') = (person_id is not null))
);
create index web_form_submissions_form on web_form_submissions (tenant_id, form_id, received_on desc);
create index web_form_submissions_person on web_form_submissions (tenant_id, person_id) where person_id is not null;
create index web_form_submissions_purge on web_form_submissions (purge_on) where status <> 'accepted';

do $$
declare t text;
begin
  foreach t in array array['web_forms', 'web_form_submissions']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_tenant()) with check (tenant_id = app_tenant())', t);
    execute format('grant select, insert, update, delete on %I to custos_app', t);
  end loop;
end $$;
