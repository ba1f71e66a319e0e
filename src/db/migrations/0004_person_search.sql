-- 0004 person search that can use its index, and a page index that covers deep pages.
--
-- On a table with row-level security PostgreSQL uses an index only for conditions whose operator is
-- leakproof; LIKE and the pg_trgm operators are not, so for the application role the trigram index
-- persons_search was never used and every search read every person of the installation. The view
-- person_search is read with the rights of its owner (the owner of persons, to whom row-level security
-- does not apply), so the planner may use the index; it applies the tenant condition of the policy
-- itself and holds only what a search filters and sorts by. Searches take the ids of one page from it
-- and read the rows from persons, under row-level security.
create view person_search as
  select id, kind, first_name, last_name, phone, organization_id, department_ids, created_at, updated_at,
    search_text
  from persons
  where tenant_id = app_tenant();
grant select on person_search to custos_app;

-- The default order (last name, first name, id) with the name columns included, so that the ids of a
-- page can be read from the index alone (index-only scan) however deep the page.
create index persons_name_covering on persons (tenant_id, lower(last_name), lower(first_name), id)
  include (last_name, first_name);
drop index persons_name;
