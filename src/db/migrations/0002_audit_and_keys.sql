-- 0002 audit trail and envelope encryption.
-- subject_keys: one data key per subject, stored only wrapped by the master key; erasure shreds it.
-- audit_log: append-only, HMAC hash-chained per tenant; values encrypted under the subject's key.

alter table tenants add column key_check text;
alter table tenants add column audit_key_wrapped text;
alter table tenants add column master_key_id text;

create table subject_keys (
  tenant_id uuid not null references tenants (id),
  subject_id uuid not null,
  subject_type text not null check (subject_type in ('person')),
  wrapped_key text,
  master_key_id text,
  created_at timestamptz not null default now(),
  shredded_at timestamptz,
  primary key (tenant_id, subject_id),
  check ((wrapped_key is null) = (shredded_at is not null))
);
create index subject_keys_master on subject_keys (master_key_id) where wrapped_key is not null;

create table audit_log (
  tenant_id uuid not null references tenants (id),
  seq bigint not null,
  at timestamptz not null,
  actor_user_id uuid,
  actor_token_id uuid,
  action text not null,
  subject_type text,
  subject_id uuid,
  fields text[] not null default '{}',
  values_enc text,
  note text,
  prev_hash text not null,
  hash text not null,
  primary key (tenant_id, seq)
);
create index audit_log_subject on audit_log (tenant_id, subject_id, seq);
create index audit_log_at on audit_log (tenant_id, at);

create table audit_heads (
  tenant_id uuid primary key references tenants (id),
  last_seq bigint not null,
  last_hash text not null
);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();

do $$
declare t text;
begin
  foreach t in array array['subject_keys', 'audit_log', 'audit_heads'] loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_tenant()) with check (tenant_id = app_tenant())', t);
  end loop;
end $$;
grant select, insert, update on subject_keys to custos_app;
grant select, insert on audit_log to custos_app;
grant select, insert, update on audit_heads to custos_app;
