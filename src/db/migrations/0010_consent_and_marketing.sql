-- 0010 consent and marketing (issue 6): the consent ledger with versioned wordings, double opt-in
-- sign-ups, the mail outbox, segments, campaigns with their recipients and responses, and the privacy
-- portal's magic-link logins and sessions. Every table has tenant_id, row-level security and
-- tenant-composite foreign keys. Tokens (confirmation links, one-click links, magic links, portal
-- sessions) are stored only as SHA-256 hashes.

-- the sender identity and public address of each tenant's mail (one row per tenant, defaults in code)
create table marketing_settings (
  tenant_id uuid primary key references tenants (id),
  sender_name text not null check (length(sender_name) between 1 and 200),
  sender_email text not null check (length(sender_email) between 3 and 320),
  reply_to text check (length(reply_to) <= 320),
  -- the imprint line of every marketing mail and letter (name and postal address of the advertiser)
  postal_address text check (length(postal_address) <= 1000),
  -- the base URL of links in mails (confirmation, one-click, portal); null: CUSTOS_PUBLIC_URL
  public_url text check (length(public_url) <= 500),
  updated_at timestamptz not null default now(),
  updated_by uuid,
  foreign key (tenant_id, updated_by) references users (tenant_id, id)
);

-- mail templates, versioned: a change is a new version, old versions stay (what was sent is provable)
create table mail_templates (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  key text not null check (key in ('double_opt_in', 'portal_login', 'marketing_footer')),
  language text not null check (language in ('de', 'en')),
  version integer not null check (version > 0),
  subject text not null check (length(subject) between 1 and 300),
  body text not null check (length(body) between 1 and 20000),
  created_at timestamptz not null default now(),
  created_by uuid,
  unique (tenant_id, id),
  unique (tenant_id, key, language, version),
  foreign key (tenant_id, created_by) references users (tenant_id, id)
);

-- consent wordings, versioned: the exact text a person agreed to (BGH I ZR 164/09), with its hash
create table consent_wordings (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  purpose_id text not null,
  channel text not null check (channel in ('email', 'phone', 'letter', 'sms')),
  language text not null check (language in ('de', 'en')),
  version integer not null check (version > 0),
  text text not null check (length(text) between 10 and 10000),
  text_sha256 text not null check (text_sha256 ~ '^[0-9a-f]{64}$'),
  -- the scope BGH VI ZR 721/15 asks for: which advertiser, which products
  advertiser text not null check (length(advertiser) between 1 and 300),
  product_scope text check (length(product_scope) <= 1000),
  created_at timestamptz not null default now(),
  created_by uuid,
  unique (tenant_id, id),
  unique (tenant_id, purpose_id, channel, language, version),
  foreign key (tenant_id, created_by) references users (tenant_id, id)
);

-- public sign-up forms: the form id is part of each consent's proof
create table consent_forms (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name text not null check (length(name) between 1 and 200),
  purpose_id text not null,
  channel text not null default 'email' check (channel = 'email'),
  language text not null check (language in ('de', 'en')),
  redirect_url text check (length(redirect_url) <= 500),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  created_by uuid,
  unique (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id)
);

-- the outbox: every mail Custos sends or, without SMTP, would send
create table outbound_mails (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  kind text not null check (kind in ('double_opt_in', 'portal_login', 'campaign', 'notice')),
  person_id uuid,
  campaign_id uuid,
  to_address text not null check (length(to_address) between 3 and 320),
  from_address text not null,
  subject text not null,
  body_text text not null,
  body_html text,
  headers jsonb not null default '{}',
  message_id text not null,
  status text not null check (status in ('outbox', 'queued', 'sent', 'failed', 'bounced')),
  error text check (length(error) <= 1000),
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  unique (tenant_id, id)
);
create index outbound_mails_created on outbound_mails (tenant_id, created_at desc, id);
create index outbound_mails_person on outbound_mails (tenant_id, person_id) where person_id is not null;
create index outbound_mails_to on outbound_mails (tenant_id, lower(to_address));

-- addresses whose mail bounced: no further mail goes to them until the address changes
create table mail_bounces (
  tenant_id uuid not null references tenants (id),
  address text not null check (address = lower(address)),
  bounced_at timestamptz not null,
  reason text check (length(reason) <= 1000),
  mail_id uuid,
  primary key (tenant_id, address)
);

-- pending double opt-in sign-ups: nothing is consent until the link in the mail is confirmed
create table consent_signups (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  form_id uuid not null,
  wording_id uuid not null,
  email text not null check (email = lower(email) and length(email) between 3 and 320),
  first_name text check (length(first_name) <= 200),
  last_name text check (length(last_name) <= 200),
  language text not null check (language in ('de', 'en')),
  requested_at timestamptz not null,
  request_ip text check (length(request_ip) <= 100),
  request_user_agent text check (length(request_user_agent) <= 500),
  token_hash text not null unique,
  expires_at timestamptz not null,
  mail_id uuid,
  confirmed_at timestamptz,
  confirm_ip text check (length(confirm_ip) <= 100),
  confirm_user_agent text check (length(confirm_user_agent) <= 500),
  person_id uuid,
  consent_id uuid,
  unique (tenant_id, id),
  foreign key (tenant_id, form_id) references consent_forms (tenant_id, id),
  foreign key (tenant_id, wording_id) references consent_wordings (tenant_id, id)
);
create index consent_signups_email on consent_signups (tenant_id, email, requested_at desc);

-- the consent ledger: per person, purpose and channel; never edited, only superseded or withdrawn
create table consents (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  person_id uuid not null,
  purpose_id text not null,
  channel text not null check (channel in ('email', 'phone', 'letter', 'sms')),
  -- the e-mail address or phone number the consent was given for (null for letters)
  address text check (length(address) <= 320),
  wording_id uuid not null,
  method text not null check (method in ('double_opt_in', 'web_form', 'phone', 'in_person', 'letter', 'import', 'portal')),
  given_at timestamptz not null,
  -- form id and URL, IP and user agent, DOI mail id and message id, confirmation time, staff note
  proof jsonb not null default '{}',
  signup_id uuid,
  recorded_by uuid,
  supersedes_id uuid,
  superseded_at timestamptz,
  superseded_by_id uuid,
  withdrawn_at timestamptz,
  withdrawal_method text check (withdrawal_method in ('one_click', 'preference_page', 'portal', 'staff', 'objection', 'request')),
  withdrawal_note text check (length(withdrawal_note) <= 2000),
  -- § 7a UWG: the proof of a phone consent is kept 5 years after its last use
  last_used_at timestamptz,
  created_at timestamptz not null default now(),
  unique (tenant_id, id),
  check ((withdrawn_at is null) = (withdrawal_method is null)),
  foreign key (tenant_id, person_id) references persons (tenant_id, id),
  foreign key (tenant_id, wording_id) references consent_wordings (tenant_id, id),
  foreign key (tenant_id, recorded_by) references users (tenant_id, id),
  foreign key (tenant_id, supersedes_id) references consents (tenant_id, id)
);
create index consents_person on consents (tenant_id, person_id, given_at desc);
create index consents_valid on consents (tenant_id, purpose_id, channel, person_id)
  where withdrawn_at is null and superseded_at is null;

-- segments: saved filters over persons, organisations, interactions and deals
create table segments (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name text not null check (length(name) between 1 and 200),
  description text check (length(description) <= 2000),
  definition jsonb not null,
  -- the marketing purpose and channel the segment is used for (null: not for marketing)
  purpose_id text,
  channel text check (channel in ('email', 'phone', 'letter', 'sms')),
  version integer not null default 1,
  archived_at timestamptz,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  check ((purpose_id is null) = (channel is null)),
  foreign key (tenant_id, created_by) references users (tenant_id, id)
);
create unique index segments_name on segments (tenant_id, lower(name)) where archived_at is null;

create table campaigns (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name text not null check (length(name) between 1 and 200),
  kind text not null check (kind in ('email', 'letter')),
  occasion text not null check (occasion in ('newsletter', 'offer', 'birthday', 'seasonal', 'survey', 'other')),
  segment_id uuid not null,
  purpose_id text not null,
  language text not null check (language in ('de', 'en')),
  subject text not null check (length(subject) between 1 and 300),
  body text not null check (length(body) between 1 and 50000),
  link_url text check (length(link_url) <= 500),
  status text not null check (status in ('draft', 'scheduled', 'sending', 'sent', 'cancelled')),
  -- 'birthday': every day to the segment's persons whose birthday it is; 'yearly': each year on recurrence_date
  recurrence text not null default 'none' check (recurrence in ('none', 'birthday', 'yearly')),
  recurrence_date text check (recurrence_date ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'),
  scheduled_at timestamptz,
  last_run_key text,
  sent_at timestamptz,
  cancelled_at timestamptz,
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  check (recurrence <> 'yearly' or recurrence_date is not null),
  foreign key (tenant_id, segment_id) references segments (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id)
);
create index campaigns_due on campaigns (scheduled_at) where status = 'scheduled';

-- one row per person a campaign run reached or skipped, with the basis it relied on
create table campaign_recipients (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  campaign_id uuid not null,
  -- 'once' for a one-off campaign; the date (YYYY-MM-DD) or year of a recurring run
  run_key text not null default 'once',
  person_id uuid not null,
  basis text check (basis in ('consent', 'legitimate_interest')),
  consent_id uuid,
  status text not null check (status in ('pending', 'sent', 'printed', 'skipped', 'failed', 'bounced')),
  skip_reason text,
  mail_id uuid,
  -- SHA-256 of the recipient's link token (one-click withdrawal, preference page, tracked link)
  token_hash text unique,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  unique (tenant_id, id),
  unique (tenant_id, campaign_id, run_key, person_id),
  foreign key (tenant_id, campaign_id) references campaigns (tenant_id, id),
  foreign key (tenant_id, person_id) references persons (tenant_id, id)
);
create index campaign_recipients_person on campaign_recipients (tenant_id, person_id);

create table campaign_responses (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  campaign_id uuid not null,
  recipient_id uuid,
  person_id uuid not null,
  kind text not null check (kind in ('clicked', 'replied', 'ordered', 'unsubscribed')),
  occurred_at timestamptz not null,
  order_id uuid,
  recorded_by uuid,
  created_at timestamptz not null default now(),
  foreign key (tenant_id, campaign_id) references campaigns (tenant_id, id),
  foreign key (tenant_id, recipient_id) references campaign_recipients (tenant_id, id),
  foreign key (tenant_id, person_id) references persons (tenant_id, id),
  foreign key (tenant_id, recorded_by) references users (tenant_id, id)
);
create index campaign_responses_campaign on campaign_responses (tenant_id, campaign_id, kind);
create unique index campaign_responses_once on campaign_responses (tenant_id, recipient_id, kind)
  where recipient_id is not null and kind in ('clicked', 'unsubscribed');

-- the privacy portal: single-use magic links and the sessions they open
create table portal_login_tokens (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  person_ids uuid[] not null check (cardinality(person_ids) > 0),
  token_hash text not null unique,
  expires_at timestamptz not null,
  used_at timestamptz,
  mail_id uuid,
  created_at timestamptz not null default now()
);

create table portal_sessions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  person_ids uuid[] not null check (cardinality(person_ids) > 0),
  token_hash text not null unique,
  csrf_token_hash text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ended_at timestamptz
);

do $$
declare t text;
begin
  foreach t in array array['marketing_settings', 'mail_templates', 'consent_wordings', 'consent_forms',
    'outbound_mails', 'mail_bounces', 'consent_signups', 'consents', 'segments', 'campaigns',
    'campaign_recipients', 'campaign_responses', 'portal_login_tokens', 'portal_sessions']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_tenant()) with check (tenant_id = app_tenant())', t);
    execute format('grant select, insert, update, delete on %I to custos_app', t);
  end loop;
end $$;

-- versions are never edited: a change is a new version
revoke update on mail_templates, consent_wordings from custos_app;

-- consents are never edited: the application may only mark them superseded, withdrawn or used, once
revoke update on consents from custos_app;
grant update (superseded_at, superseded_by_id, withdrawn_at, withdrawal_method, withdrawal_note, last_used_at)
  on consents to custos_app;

create function consents_only_once() returns trigger language plpgsql as $$
begin
  if old.withdrawn_at is not null and new.withdrawn_at is distinct from old.withdrawn_at then
    raise exception 'consent % is already withdrawn', old.id using errcode = 'check_violation';
  end if;
  if old.superseded_at is not null and new.superseded_at is distinct from old.superseded_at then
    raise exception 'consent % is already superseded', old.id using errcode = 'check_violation';
  end if;
  return new;
end $$;
create trigger consents_only_once before update on consents
  for each row execute function consents_only_once();
