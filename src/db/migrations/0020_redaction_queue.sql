-- 0020 the redaction queue (issue 8, ADR 0032): free text from notes, interactions, case messages,
-- forms and imports is scanned for special-category data and identifiers; each hit waits here for a
-- person to confirm (redact, irreversibly) or dismiss it. A finding holds offsets and kinds only, never
-- the matched text.

create table redaction_findings (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  person_id uuid,
  source_kind text not null
    check (source_kind in ('person_notes', 'interaction', 'case_message', 'form_submission')),
  source_id uuid not null,
  field text not null check (length(field) between 1 and 100),
  origin text not null check (origin in ('entry', 'import', 'form')),
  locale text check (locale in ('de', 'en')),
  status text not null default 'open' check (status in ('open', 'redacted', 'dismissed')),
  -- [{kind, category, start, end, confidence}] — offsets into the text as it was scanned
  hits jsonb not null check (jsonb_typeof(hits) = 'array'),
  kinds text[] not null,
  categories text[] not null,
  -- length of the scanned text: a finding whose source text changed length is stale
  text_length integer not null check (text_length >= 0),
  detected_at timestamptz not null default now(),
  detected_by uuid,
  decided_at timestamptz,
  decided_by uuid,
  -- the kinds that were removed (a redaction of some spans), or the reason of a dismissal
  redacted_kinds text[],
  dismiss_reason text check (length(dismiss_reason) <= 500),
  notice_sent_at timestamptz,
  notice_sent_by uuid,
  notice_mail_id uuid,
  version integer not null default 1,
  unique (tenant_id, id),
  check ((status = 'open') = (decided_at is null)),
  check (status <> 'dismissed' or dismiss_reason is not null),
  -- a person's erasure deletes its findings (erasure.repository does it explicitly, too)
  foreign key (tenant_id, person_id) references persons (tenant_id, id) on delete cascade,
  foreign key (tenant_id, detected_by) references users (tenant_id, id),
  foreign key (tenant_id, decided_by) references users (tenant_id, id),
  foreign key (tenant_id, notice_sent_by) references users (tenant_id, id)
);
-- one open finding per source field: a new scan of the same field replaces it
create unique index redaction_findings_one_open on redaction_findings (tenant_id, source_kind, source_id, field)
  where status = 'open';
create index redaction_findings_queue on redaction_findings (tenant_id, status, detected_at desc);
create index redaction_findings_person on redaction_findings (tenant_id, person_id);

alter table redaction_findings enable row level security;
create policy tenant_isolation on redaction_findings
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert, update, delete on redaction_findings to custos_app;

-- The audit chain commits to a digest of an entry's sealed values instead of the ciphertext itself
-- (entries written from now on), so a redaction can destroy the ciphertext of values that hold the
-- removed text and the chain still verifies (ADR 0032). Entries written before keep committing to
-- their ciphertext (values_digest null).
alter table audit_log add column values_digest text;

-- audit_log stays append-only, with one exception: the sealed values of an entry that commits to their
-- digest may be destroyed (set to null) by a redaction; nothing else of an entry may change.
create or replace function audit_log_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE'
     and old.values_digest is not null
     and new.values_enc is null
     and (to_jsonb(new) - 'values_enc') = (to_jsonb(old) - 'values_enc') then
    return new;
  end if;
  raise exception 'audit_log is append-only';
end $$;
grant update (values_enc) on audit_log to custos_app;

-- the notice to the customer after a redaction is a versioned mail template like the others
alter table mail_templates drop constraint mail_templates_key_check;
alter table mail_templates add constraint mail_templates_key_check
  check (key in ('double_opt_in', 'portal_login', 'marketing_footer', 'redaction_notice'));
