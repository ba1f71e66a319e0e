-- 0009 data subject requests (Art. 12-22 GDPR): the request inbox with its deadline, identity checks
-- and history; letters from DPO-editable templates; the erasure journal, the suppression list (keyed
-- hashes, never plain values) and field locks that keep erased or refused data out; the disclosure
-- log and the Art. 19 notifications of recipients; restriction and objection on the person.

alter table persons
  add column restricted_at timestamptz,
  add column restriction_reason text check (length(restriction_reason) <= 2000),
  add column marketing_objection_at timestamptz;

alter table document_counters drop constraint document_counters_kind_check;
alter table document_counters add constraint document_counters_kind_check
  check (kind in ('quote', 'order', 'invoice', 'case', 'request'));

-- the requests; person_id has no foreign key: the request (the proof) outlives an erased person,
-- keeping only the person's id. What identifies the requester is sealed under the person's data key
-- (requester_enc, details_enc, export_enc) and becomes unreadable when the erasure shreds that key.
create table dsr_requests (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  number text not null,
  type text not null check (type in ('access', 'portability', 'rectification', 'erasure', 'restriction', 'objection')),
  channel text not null check (channel in ('letter', 'email', 'phone', 'web', 'in_person')),
  status text not null default 'open' check (status in ('open', 'completed', 'refused', 'withdrawn')),
  person_id uuid not null,
  locale text not null default 'de' check (locale in ('de', 'en')),
  received_at timestamptz not null,
  due_at date not null,
  extended_due_at date,
  extension_reason text check (length(extension_reason) <= 4000),
  extension_notified_at timestamptz,
  identity_status text not null default 'pending'
    check (identity_status in ('pending', 'verified', 'failed', 'not_required')),
  assignee_id uuid,
  requester_enc text,
  details_enc text,
  export_enc text,
  outcome text check (length(outcome) <= 4000),
  refusal_reason text check (refusal_reason in ('manifestly_unfounded', 'excessive', 'identity_not_verified', 'no_data', 'legal_exemption', 'other')),
  refusal_details text check (length(refusal_details) <= 4000),
  closed_at timestamptz,
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  unique (tenant_id, number),
  check ((status = 'open') = (closed_at is null)),
  check (extended_due_at is null or (extension_reason is not null and extension_notified_at is not null)),
  check (status <> 'refused' or refusal_reason is not null),
  foreign key (tenant_id, assignee_id) references users (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id)
);
create index dsr_requests_inbox on dsr_requests (tenant_id, coalesce(extended_due_at, due_at)) where status = 'open';
create index dsr_requests_person on dsr_requests (tenant_id, person_id);

-- identity verification steps (Art. 12(6), EDPB 01/2022 §3.3)
create table dsr_verification_steps (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  request_id uuid not null,
  method text not null check (method in ('known_email', 'known_address', 'callback', 'id_document', 'portal_login', 'in_person', 'other')),
  outcome text not null check (outcome in ('requested', 'passed', 'failed')),
  note text check (length(note) <= 2000),
  performed_by uuid,
  performed_at timestamptz not null,
  foreign key (tenant_id, request_id) references dsr_requests (tenant_id, id) on delete cascade,
  foreign key (tenant_id, performed_by) references users (tenant_id, id)
);
create index dsr_verification_steps_request on dsr_verification_steps (request_id, performed_at);

-- the request's history (what happened when, by whom); detail holds no personal data
create table dsr_events (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  request_id uuid not null,
  kind text not null,
  detail text check (length(detail) <= 4000),
  actor_id uuid,
  at timestamptz not null,
  foreign key (tenant_id, request_id) references dsr_requests (tenant_id, id) on delete cascade,
  foreign key (tenant_id, actor_id) references users (tenant_id, id)
);
create index dsr_events_request on dsr_events (request_id, at);

-- letter and e-mail templates, editable by the DPO; a missing row means the built-in default
create table letter_templates (
  tenant_id uuid not null references tenants (id),
  kind text not null,
  locale text not null check (locale in ('de', 'en')),
  subject text not null check (length(subject) between 1 and 300),
  body text not null check (length(body) between 1 and 20000),
  updated_by uuid,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, kind, locale),
  foreign key (tenant_id, updated_by) references users (tenant_id, id)
);

-- letters created for a request; the rendered text names the person, so it is sealed under their key
create table dsr_letters (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  request_id uuid not null,
  kind text not null,
  locale text not null check (locale in ('de', 'en')),
  subject_enc text,
  body_enc text,
  created_by uuid,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  unique (tenant_id, id),
  foreign key (tenant_id, request_id) references dsr_requests (tenant_id, id) on delete cascade,
  foreign key (tenant_id, created_by) references users (tenant_id, id)
);
create index dsr_letters_request on dsr_letters (request_id, created_at);

-- the erasure journal inside the database (proof: who, when, how much; never what). A copy of each
-- entry is also appended to a file outside the database, so a restore can re-apply it.
create table erasures (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  person_id uuid not null,
  request_id uuid,
  erased_at timestamptz not null,
  erased_by uuid,
  summary jsonb not null default '{}',
  unique (tenant_id, person_id),
  foreign key (tenant_id, erased_by) references users (tenant_id, id)
);

-- suppression list: keyed hashes (HMAC) of the e-mail address and phone number of erased persons and
-- objectors, so imports and forms cannot bring them back unnoticed
create table suppressions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  kind text not null check (kind in ('email', 'phone')),
  hash text not null,
  reason text not null check (reason in ('erasure', 'objection')),
  request_id uuid,
  created_at timestamptz not null default now(),
  unique (tenant_id, kind, hash)
);

-- field locks: a person refused a kind of data (birthday, interests, ...); every later write is refused
create table field_locks (
  tenant_id uuid not null references tenants (id),
  person_id uuid not null,
  field text not null,
  reason text check (length(reason) <= 2000),
  request_id uuid,
  locked_by uuid,
  locked_at timestamptz not null default now(),
  primary key (tenant_id, person_id, field),
  foreign key (tenant_id, person_id) references persons (tenant_id, id) on delete cascade,
  foreign key (tenant_id, locked_by) references users (tenant_id, id)
);

-- recipients of personal data: processors, other controllers, authorities, internal systems
create table recipients (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name text not null check (length(name) between 1 and 200),
  kind text not null check (kind in ('processor', 'controller', 'authority', 'internal_system', 'other')),
  country text check (country ~ '^[A-Z]{2}$'),
  contact text check (length(contact) <= 500),
  notes text check (length(notes) <= 4000),
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  unique (tenant_id, id)
);
create unique index recipients_name on recipients (tenant_id, lower(name));

-- the disclosure log: which recipient got which categories of whose data, when (Art. 15(1)(c), 19)
create table disclosures (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  person_id uuid not null,
  recipient_id uuid not null,
  categories text[] not null check (cardinality(categories) > 0),
  purpose text,
  disclosed_at timestamptz not null,
  note text check (length(note) <= 2000),
  recorded_by uuid,
  created_at timestamptz not null default now(),
  foreign key (tenant_id, person_id) references persons (tenant_id, id) on delete cascade,
  foreign key (tenant_id, recipient_id) references recipients (tenant_id, id),
  foreign key (tenant_id, recorded_by) references users (tenant_id, id)
);
create index disclosures_person on disclosures (tenant_id, person_id, disclosed_at desc);

-- Art. 19: each recipient is told of a rectification, erasure or restriction, tracked until confirmed
-- or documented as impossible / disproportionate
create table recipient_notifications (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  request_id uuid not null,
  recipient_id uuid not null,
  action text not null check (action in ('rectification', 'erasure', 'restriction')),
  categories text[] not null default '{}',
  status text not null default 'open' check (status in ('open', 'sent', 'confirmed', 'impossible')),
  note text check (length(note) <= 2000),
  created_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by uuid,
  unique (tenant_id, id),
  check ((status in ('confirmed', 'impossible')) = (resolved_at is not null)),
  check (status <> 'impossible' or note is not null),
  foreign key (tenant_id, request_id) references dsr_requests (tenant_id, id),
  foreign key (tenant_id, recipient_id) references recipients (tenant_id, id),
  foreign key (tenant_id, resolved_by) references users (tenant_id, id)
);
create index recipient_notifications_open on recipient_notifications (tenant_id, created_at) where status in ('open', 'sent');

do $$
declare t text;
begin
  foreach t in array array['dsr_requests', 'dsr_verification_steps', 'dsr_events', 'letter_templates',
    'dsr_letters', 'erasures', 'suppressions', 'field_locks', 'recipients', 'disclosures',
    'recipient_notifications']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_tenant()) with check (tenant_id = app_tenant())', t);
    execute format('grant select, insert, update, delete on %I to custos_app', t);
  end loop;
end $$;

-- the journal is append-only for the application
revoke update, delete on erasures from custos_app;
