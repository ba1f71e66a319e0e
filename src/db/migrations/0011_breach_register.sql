-- 0011 breach register (issue 7, Art. 33/34 GDPR): every personal-data breach is documented
-- (Art. 33(5)), whether notified or not; the 72-hour clock runs from the moment the controller became
-- aware. Breaches concern many people, not one: no person ids, and descriptions must name no one.

alter table document_counters drop constraint document_counters_kind_check;
alter table document_counters add constraint document_counters_kind_check
  check (kind in ('quote', 'order', 'invoice', 'case', 'request', 'breach'));

create table breaches (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  number text not null,
  title text not null check (length(title) between 1 and 200),
  description text not null check (length(description) between 1 and 10000),
  occurred_at timestamptz,
  aware_at timestamptz not null,
  reported_by uuid,
  -- Art. 33(3)(a): nature, categories and approximate numbers of data subjects and records
  nature text[] not null default '{}' check (nature <@ array['confidentiality', 'integrity', 'availability']),
  data_categories text[] not null default '{}',
  subject_categories text check (length(subject_categories) <= 1000),
  subjects_approx integer check (subjects_approx >= 0),
  records_approx integer check (records_approx >= 0),
  -- Art. 33(3)(b)-(d): contact point, likely consequences, measures taken or proposed
  contact text check (length(contact) <= 1000),
  consequences text check (length(consequences) <= 10000),
  measures text check (length(measures) <= 10000),
  -- risk to the rights and freedoms of natural persons (Art. 33(1), 34(1))
  risk text check (risk in ('none', 'risk', 'high_risk')),
  risk_reasoning text check (length(risk_reasoning) <= 10000),
  authority_notified_at timestamptz,
  authority_reference text check (length(authority_reference) <= 200),
  -- Art. 33(1): reasons for a notification later than 72 hours
  late_reason text check (length(late_reason) <= 10000),
  subjects_decision text check (subjects_decision in ('not_required', 'inform', 'public_communication')),
  subjects_decision_reason text check (length(subjects_decision_reason) <= 10000),
  subjects_informed_at timestamptz,
  status text not null default 'open' check (status in ('open', 'closed')),
  closed_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  unique (tenant_id, number),
  check ((status = 'closed') = (closed_at is not null)),
  foreign key (tenant_id, reported_by) references users (tenant_id, id)
);
create index breaches_open on breaches (tenant_id, aware_at) where status = 'open';

-- the breach's history: reported, assessed, notified, decided, closed (who and when)
create table breach_events (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  breach_id uuid not null,
  kind text not null check (kind in ('reported', 'assessed', 'authority_notified', 'subjects_decided', 'closed', 'reopened')),
  detail text check (length(detail) <= 1000),
  actor_id uuid,
  at timestamptz not null,
  foreign key (tenant_id, breach_id) references breaches (tenant_id, id),
  foreign key (tenant_id, actor_id) references users (tenant_id, id)
);
create index breach_events_breach on breach_events (breach_id, at);

do $$
declare t text;
begin
  foreach t in array array['breaches', 'breach_events']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_tenant()) with check (tenant_id = app_tenant())', t);
    execute format('grant select, insert, update, delete on %I to custos_app', t);
  end loop;
end $$;

-- the documentation of a breach is never deleted by the application (Art. 33(5))
revoke delete on breaches, breach_events from custos_app;
revoke update on breach_events from custos_app;
