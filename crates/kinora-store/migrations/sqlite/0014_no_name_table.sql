-- Names are looked up in the search index (exact, prefix, every spelling)
-- and in entity_key (possible duplicates); the mention finder reads them
-- from the documents. The table of folded names, with its three indexes,
-- was the largest derived table and nothing reads it any more.
drop table entity_name;
