-- 0015 data protection impact assessment (issue 7, Art. 35 GDPR): the screening of each declared purpose
-- (Schwellwertanalyse: Art. 35(3), the German DSK list, the WP248 criteria) and the DPIAs themselves with
-- the Art. 35(7) content, the risks with their measures and residual risk, the DPO's opinion, the Art. 36
-- consultation, sign-off and review date. A DPIA describes processing, not people: no person ids here.

-- the DPO's answers of the screening per purpose (the automatic triggers are computed from the live data)
create table dpia_screenings (
  tenant_id uuid not null references tenants (id),
  purpose_id text not null,
  criteria text[] not null default '{}',
  note text check (length(note) <= 5000),
  screened_by uuid,
  screened_at timestamptz not null,
  version integer not null default 1,
  primary key (tenant_id, purpose_id),
  foreign key (tenant_id, purpose_id) references purposes (tenant_id, id),
  foreign key (tenant_id, screened_by) references users (tenant_id, id)
);

-- one series of DPIAs per purpose; a review adds a revision, the signed-off ones stay as they were
create table dpias (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  purpose_id text not null,
  series_id uuid not null,
  revision integer not null default 1 check (revision >= 1),
  previous_id uuid,
  title text not null check (length(title) between 1 and 200),
  status text not null default 'draft' check (status in ('draft', 'signed_off', 'superseded')),
  -- the screening's triggers when the DPIA was started or reviewed (documentation of why)
  triggers text[] not null default '{}',
  -- Art. 35(7)(a) and (b): the guided questionnaire, question key -> answer
  answers jsonb not null default '{}',
  -- Art. 35(7)(c) and (d): risks with likelihood, severity, measures and the residual risk
  risks jsonb not null default '[]',
  dpo_opinion text check (length(dpo_opinion) <= 10000),
  -- Art. 36: prior consultation of the supervisory authority when the residual risk stays high
  consultation_at date,
  consultation_reference text check (length(consultation_reference) <= 1000),
  review_at date,
  signed_off_at timestamptz,
  signed_off_by uuid,
  created_by uuid,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  unique (tenant_id, series_id, revision),
  check ((status = 'draft') = (signed_off_at is null)),
  check (status = 'draft' or review_at is not null),
  check (jsonb_typeof(answers) = 'object' and jsonb_typeof(risks) = 'array'),
  foreign key (tenant_id, purpose_id) references purposes (tenant_id, id),
  foreign key (tenant_id, previous_id) references dpias (tenant_id, id),
  foreign key (tenant_id, signed_off_by) references users (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id)
);
-- at most one open draft per series, and one series per purpose
create unique index dpias_one_draft on dpias (tenant_id, series_id) where status = 'draft';
create unique index dpias_one_series on dpias (tenant_id, purpose_id) where revision = 1;
create index dpias_purpose on dpias (tenant_id, purpose_id, revision desc);

-- a signed-off DPIA is read-only: only its status may move on (superseded by its reviewed revision)
create function dpias_signed_off_read_only() returns trigger language plpgsql as $$
begin
  if old.status <> 'draft'
     and (to_jsonb(new) - 'status' - 'version' - 'updated_at')
         is distinct from (to_jsonb(old) - 'status' - 'version' - 'updated_at') then
    raise exception 'dpia % is signed off and read-only', old.id using errcode = 'check_violation';
  end if;
  if old.status = 'superseded' and new.status <> 'superseded' then
    raise exception 'dpia % is superseded', old.id using errcode = 'check_violation';
  end if;
  return new;
end $$;
create trigger dpias_read_only before update on dpias
  for each row execute function dpias_signed_off_read_only();

do $$
declare t text;
begin
  foreach t in array array['dpia_screenings', 'dpias']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_tenant()) with check (tenant_id = app_tenant())', t);
    execute format('grant select, insert, update, delete on %I to custos_app', t);
  end loop;
end $$;

-- the documentation of a DPIA is kept (Art. 5(2), 35): the application never deletes it
revoke delete on dpias from custos_app;
