-- 0018 duplicate suggestions and the merge of two persons (issue 8, ADR 0030).
--
-- person_match_keys: the blocking keys of the duplicate engine (src/domain/matching/blocking.ts) per
-- person, as keyed hashes (HMAC under a key derived from the tenant's audit key): two persons are
-- compared only if they share a key. Kept current on every create and change of a person.
-- duplicate_suggestions: scored pairs (person_a < person_b) waiting for a person's decision; a
-- dismissed pair is never suggested again. Person ids without foreign keys: a merged pair stays as
-- history after the merged person is gone; erasure deletes every row naming the person.
-- person_merges: what a merge kept of the merged person (provenance, the field choices, a sealed
-- snapshot of its values under the survivor's data key), and the map old id → survivor.

create table person_match_keys (
  tenant_id uuid not null references tenants (id),
  person_id uuid not null,
  key_name text not null check (length(key_name) between 1 and 50),
  key_hash text not null check (length(key_hash) between 8 and 64),
  primary key (tenant_id, person_id, key_name),
  foreign key (tenant_id, person_id) references persons (tenant_id, id) on delete cascade
);
create index person_match_keys_block on person_match_keys (tenant_id, key_name, key_hash);

create table duplicate_suggestions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  person_a uuid not null,
  person_b uuid not null,
  score numeric(6, 2) not null,
  -- the engine's contributions: [{field, level, weight}], levels only, never values
  explanation jsonb not null default '[]' check (jsonb_typeof(explanation) = 'array'),
  names_swapped boolean not null default false,
  status text not null default 'open' check (status in ('open', 'dismissed', 'merged')),
  found_at timestamptz not null default now(),
  decided_by uuid,
  decided_at timestamptz,
  unique (tenant_id, id),
  unique (tenant_id, person_a, person_b),
  check (person_a < person_b),
  check ((status = 'open') = (decided_at is null)),
  foreign key (tenant_id, decided_by) references users (tenant_id, id)
);
create index duplicate_suggestions_open on duplicate_suggestions (tenant_id, status, score desc, id);
create index duplicate_suggestions_b on duplicate_suggestions (tenant_id, person_b);

create table person_merges (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  survivor_id uuid not null,
  merged_person_id uuid not null,
  -- per field: 'survivor' or 'merged'
  field_choices jsonb not null default '{}' check (jsonb_typeof(field_choices) = 'object'),
  -- the merged person's source, collection time and collector, legal basis, purposes, kind
  provenance jsonb not null default '{}' check (jsonb_typeof(provenance) = 'object'),
  -- the merged person's field values, sealed under the survivor's data key
  snapshot_enc text,
  merged_by uuid,
  merged_at timestamptz not null,
  unique (tenant_id, id),
  unique (tenant_id, merged_person_id),
  check (survivor_id <> merged_person_id),
  foreign key (tenant_id, survivor_id) references persons (tenant_id, id),
  foreign key (tenant_id, merged_by) references users (tenant_id, id)
);
create index person_merges_survivor on person_merges (tenant_id, survivor_id);

do $$
declare t text;
begin
  foreach t in array array['person_match_keys', 'duplicate_suggestions', 'person_merges']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_tenant()) with check (tenant_id = app_tenant())', t);
    execute format('grant select, insert, update, delete on %I to custos_app', t);
  end loop;
end $$;

-- A merge moves the merged person's consents to the survivor and re-seals their proof under the
-- survivor's key. Consents stay otherwise unchangeable: the person and the proof may change only
-- together with the transaction-local flag the merge sets (custos.merge = 'on').
grant update (person_id, proof) on consents to custos_app;
create function consents_move_only_in_merge() returns trigger language plpgsql as $$
begin
  if (new.person_id is distinct from old.person_id or new.proof is distinct from old.proof)
     and coalesce(current_setting('custos.merge', true), '') <> 'on' then
    raise exception 'consent % may change its person only in a merge', old.id using errcode = 'check_violation';
  end if;
  return new;
end $$;
create trigger consents_move_only_in_merge before update on consents
  for each row execute function consents_move_only_in_merge();
