-- 0024 keys that carry the tenant (docs/scaling.md; checked by test/tenant-schema.test.ts).
--
-- 1. The single-column foreign keys of 0001 (person_tags.person_id → persons.id and the like) go.
--    Migration 0005 added a twin to each that includes tenant_id, with the same ON DELETE and
--    ON UPDATE actions, so what a row may point to and what a delete cascades to stay the same. A key
--    without the tenant is also one that Citus refuses between distributed tables.
-- 2. The primary keys of the three link tables include tenant_id. The tenant follows from the person,
--    organisation or user (their twin foreign keys include it), so the key accepts and refuses exactly
--    the rows it did; tenant_id goes last so that lookups by person_id, organization_id or user_id
--    keep using the key's index.
-- `if exists`: a restore applies this to a dump taken before it, where the names are those of 0001.

alter table user_departments
  drop constraint if exists user_departments_user_id_fkey,
  drop constraint if exists user_departments_department_id_fkey;
alter table sessions drop constraint if exists sessions_user_id_fkey;
alter table api_tokens drop constraint if exists api_tokens_user_id_fkey;
alter table organizations drop constraint if exists organizations_created_by_fkey;
alter table persons
  drop constraint if exists persons_organization_id_fkey,
  drop constraint if exists persons_collected_by_fkey;
alter table interactions
  drop constraint if exists interactions_person_id_fkey,
  drop constraint if exists interactions_organization_id_fkey,
  drop constraint if exists interactions_employee_id_fkey;
alter table person_tags
  drop constraint if exists person_tags_person_id_fkey,
  drop constraint if exists person_tags_tag_id_fkey;
alter table organization_tags
  drop constraint if exists organization_tags_organization_id_fkey,
  drop constraint if exists organization_tags_tag_id_fkey;

alter table user_departments
  drop constraint user_departments_pkey,
  add constraint user_departments_pkey primary key (user_id, department_id, tenant_id);
alter table person_tags
  drop constraint person_tags_pkey,
  add constraint person_tags_pkey primary key (person_id, tag_id, tenant_id);
alter table organization_tags
  drop constraint organization_tags_pkey,
  add constraint organization_tags_pkey primary key (organization_id, tag_id, tenant_id);
