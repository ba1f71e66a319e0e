-- 0006 name-first person search (docs/adr/0008-read-and-search-performance.md, "Name-first search").
--
-- A search term matches a person's names by word prefix ("web" finds "Weber" and "Anna Weber", no longer
-- "Löweberg"), and the e-mail address and phone number by substring, as before. The names are matched
-- against ' ' || first and last name, lower case, hyphens as spaces, with LIKE '% term%'; pg_trgm takes
-- the trigrams of a word start from such a pattern (' we', 'web', ...), so the index below finds only
-- names with a word starting with the term. E-mail addresses get their own trigram index, so that a
-- search no longer matches names by substring through search_text.
create index persons_name_words on persons
  using gin ((' ' || translate(lower(first_name || ' ' || last_name), '-', ' ')) gin_trgm_ops);
create index persons_email_search on persons using gin (lower(email) gin_trgm_ops);

-- person_search (migration 0004) gains the e-mail address, which a search now filters on. The view is
-- replaced, not dropped, so it keeps its owner, its grant (select for custos_app only) and its
-- tenant condition.
create or replace view person_search as
  select id, kind, first_name, last_name, phone, organization_id, department_ids, created_at, updated_at,
    search_text, email
  from persons
  where tenant_id = app_tenant();
