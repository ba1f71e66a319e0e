-- 0023 cheaper bulk writes of persons (docs/adr/0029-person-import-batches.md, "Update: bulk writes").
--
-- Every person row was indexed by three trigram indexes: persons_search (search_text: names, e-mail,
-- phone; migration 0001), persons_name_words and persons_email_search (migration 0006). Since 0006 the
-- person search filters on the name words and the e-mail address only; search_text is read for ranking
-- (no index needed) and by the duplicate candidates' name query, which now compares the name words
-- (the expression indexed by persons_name_words). Each trigram index costs about 2 s per 77,000
-- inserted persons on PostgreSQL (measured for the import benchmark), so the unused one goes.
drop index persons_search;
