-- Reverse lookups read the entities that refer to one entity a page at a
-- time; with the referring entity in the index, a page is read in index
-- order and stops early, even for a source cited by millions of facts.

drop index entity_link_by_to;
create index entity_link_by_to on entity_link (to_kind, to_id, from_kind, from_id, path);
