-- 0021 person photos (issue 8): at most one photo per person, kept only with a purpose of the
-- catalogue and a legal basis of Art. 6(1) GDPR, with its own retention (the deletion concept's data
-- type "Personenfotos", sweep target `person_photos`). The image is re-encoded without metadata
-- (EXIF, GPS, XMP, ICC) before it is stored, and stored only as AES-256-GCM ciphertext under the
-- person's data key (bytes: version, IV, tag, ciphertext; associated data
-- `person_photos:<person id>:image`), so an erasure's key shredding makes it unreadable even in
-- backups. Photos are never used for biometric identification (Art. 9(1)); purposes that say so are
-- refused by the application.

create table person_photos (
  tenant_id uuid not null references tenants (id),
  person_id uuid not null,
  content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
  image_enc bytea not null check (octet_length(image_enc) between 1 and 8388608),
  -- the size, width and height of the stored (re-encoded) image
  byte_size integer not null check (byte_size between 1 and 8388608),
  width integer not null check (width between 1 and 20000),
  height integer not null check (height between 1 and 20000),
  purpose_id text not null,
  legal_basis text not null check (legal_basis in
    ('consent', 'contract', 'legal_obligation', 'vital_interest', 'public_task', 'legitimate_interest')),
  -- an earlier end than the deletion concept's period (e.g. the period named in the consent)
  retention_until date,
  uploaded_at timestamptz not null,
  uploaded_by uuid,
  primary key (tenant_id, person_id),
  -- the erasure deletes the photo explicitly; the cascade is the safety net for any other delete
  foreign key (tenant_id, person_id) references persons (tenant_id, id) on delete cascade,
  foreign key (tenant_id, purpose_id) references purposes (tenant_id, id),
  foreign key (tenant_id, uploaded_by) references users (tenant_id, id)
);
-- what the retention sweep looks up by date
create index person_photos_uploaded on person_photos (tenant_id, uploaded_at, person_id);

alter table person_photos enable row level security;
create policy tenant_isolation on person_photos
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert, update, delete on person_photos to custos_app;
